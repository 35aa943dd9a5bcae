package wire

import (
	"bytes"
	"encoding/binary"
	"sync"
)

// Why more than one command may run at once, and what still may not:
//
//   - Writes run one at a time, as they always did. That is where FerretDB's
//     read-then-write update races (two findAndModify calls with one precondition both
//     winning). Letting writes to different collections overlap would not help: SQLite
//     admits one writer per database file, and a second one waits in SQLite's busy
//     handler, sleeping in growing steps; queued here, each write starts the moment
//     the one before it ends. (Tried: with a lock per collection, one 50-resident bench
//     run saw claim writes take 2.2 s on average, against 0.55 s with one writer; the
//     two runs had different loads on the machine, 11.6 and 3.7.)
//   - A read takes no write lock. FerretDB answers it with one SELECT, which under WAL
//     (FerretDB's default) neither waits for a writer nor makes one wait, and sees a
//     committed state: during another command's read-then-write it sees the document
//     before or after the write, never half of it, which is all MongoDB promises a read
//     too. Reads were most of the commands waiting in the old single queue
//     (conversation state, photo chunks, accounts, outbox polls).
//   - A command this file does not know runs alone, as every command used to.

var unlocked = map[string]bool{"hello": true, "isMaster": true, "ismaster": true, "ping": true, "buildInfo": true, "buildinfo": true, "endSessions": true}

var reads = map[string]bool{
	"find": true, "count": true, "distinct": true, "getMore": true, "killCursors": true,
	"listIndexes": true, "listCollections": true, "listDatabases": true, "dbStats": true, "collStats": true,
	"explain": true, "connectionStatus": true, "getParameter": true, "serverStatus": true, "hostInfo": true,
	"whatsmyuri": true, "getLog": true, "getCmdLineOpts": true, "saslStart": true, "saslContinue": true,
}

var writes = map[string]bool{
	"insert": true, "update": true, "delete": true, "findAndModify": true, "findandmodify": true,
	"createIndexes": true, "dropIndexes": true, "create": true, "drop": true, "compact": true, "collMod": true,
}

// aggregate reads, unless it writes its result ($out or $merge): the product never
// asks for that, but a stage name in the request is enough to treat it as a write.
var aggregateWrites = [][]byte{[]byte("$out"), []byte("$merge")}

type commandLocks struct {
	// all is held shared by reads and writes, and exclusively by a command that runs alone.
	all sync.RWMutex
	// writer is held by the one write running.
	writer sync.Mutex
}

// lockKind is what a command needs to hold while it runs.
type lockKind int

const (
	noLock lockKind = iota
	readLock
	writeLock
	aloneLock
)

func kindOf(req []byte) lockKind {
	if binary.LittleEndian.Uint32(req[12:16]) != opMsg {
		return noLock
	}
	name := commandName(req)
	switch {
	case unlocked[name]:
		return noLock
	case reads[name] || (name == "aggregate" && !writesResult(req)):
		return readLock
	case writes[name]:
		return writeLock
	default:
		return aloneLock
	}
}

// acquire takes the locks req needs, waiting for them, and returns their release.
func (l *commandLocks) acquire(req []byte) (release func()) {
	release, _ = l.take(kindOf(req), false)
	return release
}

// tryAcquire takes the locks req needs only if it can at once: ok tells whether req
// could start now, next to the commands holding locks (the tests read the rules so).
func (l *commandLocks) tryAcquire(req []byte) (release func(), ok bool) {
	return l.take(kindOf(req), true)
}

func (l *commandLocks) take(k lockKind, try bool) (func(), bool) {
	lock := func(m interface {
		Lock()
		TryLock() bool
	}) bool {
		if try {
			return m.TryLock()
		}
		m.Lock()
		return true
	}
	switch k {
	case readLock:
		if !lock(rlocker{&l.all}) {
			return nil, false
		}
		return l.all.RUnlock, true
	case writeLock:
		if !lock(rlocker{&l.all}) {
			return nil, false
		}
		if !lock(&l.writer) {
			l.all.RUnlock()
			return nil, false
		}
		return func() {
			l.writer.Unlock()
			l.all.RUnlock()
		}, true
	case aloneLock:
		if !lock(&l.all) {
			return nil, false
		}
		return l.all.Unlock, true
	default:
		return func() {}, true
	}
}

// rlocker is an RWMutex's shared side, with TryLock.
type rlocker struct{ m *sync.RWMutex }

func (r rlocker) Lock()         { r.m.RLock() }
func (r rlocker) TryLock() bool { return r.m.TryRLock() }

func writesResult(req []byte) bool {
	for _, stage := range aggregateWrites {
		if bytes.Contains(req, stage) {
			return true
		}
	}
	return false
}

// commandName is the first key of an OP_MSG's body section (kind 0).
func commandName(m []byte) string {
	// header, flags, section kind, document length, element type
	i := headerBytes + 4
	if len(m) < i+6 || m[i] != 0 {
		return ""
	}
	start := i + 1 + 4 + 1
	for end := start; end < len(m); end++ {
		if m[end] == 0 {
			return string(m[start:end])
		}
	}
	return ""
}
