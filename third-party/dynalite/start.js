// Starts dynalite in memory on 127.0.0.1 and an ephemeral port (its CLI treats --port 0 as "default 4567"),
// prints "LISTENING <port>" for the process that started it, and exits when that process closes stdin,
// so a test that dies never leaves a server behind.
const dynalite = require('dynalite')
const server = dynalite({ createTableMs: 10, deleteTableMs: 10, updateTableMs: 10 })
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log('LISTENING ' + server.address().port)
})
process.stdin.resume()
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
