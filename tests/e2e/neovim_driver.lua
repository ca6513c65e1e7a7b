-- Headless Neovim client for tests/e2e/test_neovim.py: loads the config of docs/neovim.md,
-- opens a template, waits for diagnostics, asks for completion and hovers, writes JSON.
local env = vim.env
vim.cmd("filetype on")
dofile(env.CHARTLSP_NVIM_CONFIG)

local out = { errors = {} }
local function finish()
  local fh = assert(io.open(env.CHARTLSP_NVIM_OUT, "w"))
  fh:write(vim.fn.json_encode(out))
  fh:close()
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(env.CHARTLSP_NVIM_TEMPLATE))
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype
  -- diagnostics arrive after initialize and didOpen: from then on requests are answered
  out.diagnostics_arrived = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.diagnostics, { line = d.lnum, col = d.col, code = d.code, message = d.message,
                                    severity = d.severity, source = d.source })
  end
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local function at(row, needle, shift)
    local col = assert(lines[row + 1]:find(needle, 1, true), needle) - 1 + (shift or 0)
    return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row, character = col } }
  end
  local function request(method, params)
    local res = vim.lsp.buf_request_sync(buf, method, params, 20000) or {}
    for _, r in pairs(res) do
      if r.error then table.insert(out.errors, method .. ": " .. vim.inspect(r.error)) end
      if r.result ~= nil then return r.result end
    end
    return vim.NIL
  end
  local completion = request("textDocument/completion", at(6, ".Values.", #".Values."))
  out.completion = {}
  for _, item in ipairs(completion.items or completion) do table.insert(out.completion, item.label) end
  local hover = request("textDocument/hover", at(17, "tag }}", 1))
  out.hover = hover ~= vim.NIL and hover.contents.value or vim.NIL
  local field = request("textDocument/hover", at(15, "containers", 2))
  out.field_hover = field ~= vim.NIL and field.contents.value or vim.NIL
  local clients = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  out.clients = {}
  for _, c in ipairs(clients) do table.insert(out.clients, c.name) end
  out.nvim = tostring(vim.version().major) .. "." .. tostring(vim.version().minor)
end)
if not ok then table.insert(out.errors, tostring(err)) end
finish()
