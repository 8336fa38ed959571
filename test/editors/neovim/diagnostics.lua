-- Driven by test/editors/neovim.test.ts: neovim 0.7 (Debian bookworm) as a plain LSP client of
-- `node dist/server.js --stdio`, configured the way the README tells users to. Reads its inputs from the
-- environment and writes what it saw as JSON to KT_RESULT, then quits.
--   KT_SERVER   path of dist/server.js      KT_FILE   the tracing config to open
--   KT_VERSION  kubeTracing.kubernetesVersion   KT_GLOBS  kubeTracing.tracingConfigFiles, comma-separated (optional)
--   KT_EXPECT  how many diagnostics to wait for
--   KT_FIX_LINE / KT_FIX_TEXT  an edit to make afterwards (optional)
-- neovim 0.7 neither advertises workspace/configuration nor sends `settings` by itself (its :help lsp says to
-- send workspace/didChangeConfiguration from on_init), so the settings reach the server only through on_init.
local env = vim.env
local result = { events = {} }

local function finish()
  local out = assert(io.open(env.KT_RESULT, 'w'))
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd('qa!')
end

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL })
  end
  return list
end

vim.cmd('filetype on')
vim.cmd('edit ' .. vim.fn.fnameescape(env.KT_FILE))
local bufnr = vim.api.nvim_get_current_buf()

-- The configuration a user puts in init.lua (README, "Other editors").
local settings = { kubeTracing = { kubernetesVersion = env.KT_VERSION } }
if env.KT_GLOBS then settings.kubeTracing.tracingConfigFiles = vim.split(env.KT_GLOBS, ',', { plain = true }) end
local client_id = vim.lsp.start_client({
  name = 'kube-tracing',
  cmd = { 'node', env.KT_SERVER, '--stdio' },
  root_dir = vim.fn.fnamemodify(env.KT_FILE, ':h'),
  settings = settings,
  init_options = { validationDelayMs = 0 },
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  end,
  on_exit = function(code, signal)
    table.insert(result.events, 'server exited ' .. tostring(code) .. ' ' .. tostring(signal))
  end,
})
if not client_id then
  result.error = 'vim.lsp.start_client returned nil'
  return finish()
end
vim.lsp.buf_attach_client(bufnr, client_id)

local expected = tonumber(env.KT_EXPECT)
local got = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) == expected end, 20)
result.filetype = vim.bo[bufnr].filetype
result.opened = snapshot(bufnr)
if not got then result.error = 'not ' .. expected .. ' diagnostics within 15 s' return finish() end

if env.KT_FIX_LINE then
  -- Replace one line as a user would; neovim sends an incremental didChange.
  local line = tonumber(env.KT_FIX_LINE)
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { env.KT_FIX_TEXT })
  local function codes()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(list, tostring(d.code) .. '@' .. d.lnum) end
    return table.concat(list, ',')
  end
  local before = codes()
  vim.wait(15000, function() return codes() ~= before end, 20)
  result.edited = snapshot(bufnr)
end

local client = vim.lsp.get_client_by_id(client_id)
result.server_name = client.name
client.stop()
vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
result.stopped = vim.lsp.client_is_stopped(client_id)
finish()
