-- Run after the README's init.lua has attached the server to the buffer neovim opened (see
-- test/editors/neovim.test.ts): waits for KT_EXPECT diagnostics in the current buffer, writes them as JSON to
-- KT_RESULT, stops the LSP clients and quits.
local expected = tonumber(vim.env.KT_EXPECT)
local bufnr = vim.api.nvim_get_current_buf()
local got = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) == expected end, 20)
local result = { filetype = vim.bo[bufnr].filetype, clients = {}, diagnostics = {} }
if not got then result.error = 'not ' .. expected .. ' diagnostics within 15 s' end
for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do table.insert(result.clients, client.name) end
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(result.diagnostics, { lnum = d.lnum, source = d.source, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL })
end
local out = assert(io.open(vim.env.KT_RESULT, 'w'))
out:write(vim.fn.json_encode(result))
out:close()
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
vim.cmd('qa!')
