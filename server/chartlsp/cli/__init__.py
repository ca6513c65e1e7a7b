"""Command-line front end: ``chartlsp render`` (and, later, ``check`` and ``serve``)."""
