// Starts dynalite in memory on 127.0.0.1 and an ephemeral port (its CLI treats --port 0 as "default 4567"),
// prints "LISTENING <port>" for the process that started it, and, when stdin is a pipe (a test that started it),
// exits when that pipe closes, so a test that dies never leaves a server behind. Started from a shell with `&`,
// stdin is /dev/null (a script) or the terminal (where a background read would stop the process): not watched.
const dynalite = require('dynalite')
const server = dynalite({ createTableMs: 10, deleteTableMs: 10, updateTableMs: 10 })
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log('LISTENING ' + server.address().port)
})
if (require('fs').fstatSync(0).isFIFO()) {
  process.stdin.resume()
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('error', () => process.exit(0))
}
// dynalite rethrows the error of a request whose client closed the connection before the request was whole
// (index.js: req.on('error', function (err) { throw err })), so one aborted request ends the whole server and
// every later scenario meets a refused connection. A client's abort (the kit's call timeout, say) says nothing of
// what dynalite does with the requests it gets: log it and keep serving; anything else still ends the process.
process.on('uncaughtException', (err) => {
  if (err && err.code === 'ECONNRESET') {
    console.error('dynalite: a client aborted a request (' + err.message + '); still serving')
    return
  }
  console.error(err)
  process.exit(1)
})
