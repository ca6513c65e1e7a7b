"""Editor features as plain functions over an analysis snapshot: offsets and strings in, plain data out."""
