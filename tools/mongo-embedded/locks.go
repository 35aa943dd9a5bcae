package main

import (
	"bytes"
	"encoding/binary"
	"sync"
)

// Why more than one command may run at once, and what still may not:
//
//   - A write to one collection excludes every other write to that collection: that
//     is where FerretDB's read-then-write update races (two findAndModify calls with
//     one precondition both winning). Different collections cannot race that way, and
//     the product never relies on atomicity across documents (DESIGN.md: single-
//     document atomic updates only). SQLite itself admits one writer per database
//     file at a time and waits (FerretDB sets busy_timeout and WAL), so concurrent
//     writes to different collections overlap FerretDB's own work, not SQLite's.
//   - A read takes no collection lock. FerretDB answers it with one SELECT, which under
//     WAL sees a committed state; during another command's read-then-write it sees the
//     document before or after the write, never half of it, which is what MongoDB
//     promises a read too. Reads were most of the commands waiting in the old single
//     queue (conversation state, photo chunks, accounts).
//   - A command this file does not know, or one without a collection (dropDatabase),
//     runs alone, as every command used to.
//
// Collections are locked by name across databases: coarser than needed (tests open
// one database per file on one server), never weaker.

var unlocked = map[string]bool{"hello": true, "isMaster": true, "ismaster": true, "ping": true, "buildInfo": true, "buildinfo": true, "endSessions": true}

var reads = map[string]bool{
	"find": true, "count": true, "distinct": true, "getMore": true, "killCursors": true,
	"listIndexes": true, "listCollections": true, "listDatabases": true, "dbStats": true, "collStats": true,
	"explain": true, "connectionStatus": true, "getParameter": true, "serverStatus": true, "hostInfo": true,
	"whatsmyuri": true, "getLog": true, "getCmdLineOpts": true, "saslStart": true, "saslContinue": true,
}

var collectionWrites = map[string]bool{
	"insert": true, "update": true, "delete": true, "findAndModify": true, "findandmodify": true,
	"createIndexes": true, "dropIndexes": true, "create": true, "drop": true, "compact": true, "collMod": true,
}

// aggregate reads, unless it writes its result ($out or $merge): the product never
// asks for that, but a stage name in the request is enough to treat it as a write.
var aggregateWrites = [][]byte{[]byte("$out"), []byte("$merge")}

type commandLocks struct {
	// all is held shared by every locked command and exclusively by one that runs alone.
	all         sync.RWMutex
	mu          sync.Mutex
	collections map[string]*sync.Mutex
}

// acquire takes the locks req needs and returns their release.
func (l *commandLocks) acquire(req []byte) (release func()) {
	if binary.LittleEndian.Uint32(req[12:16]) != opMsg {
		return func() {}
	}
	name, collection := commandTarget(req)
	switch {
	case unlocked[name]:
		return func() {}
	case reads[name] || (name == "aggregate" && !writesResult(req)):
		l.all.RLock()
		return l.all.RUnlock
	case collectionWrites[name] && collection != "":
		l.all.RLock()
		c := l.collection(collection)
		c.Lock()
		return func() {
			c.Unlock()
			l.all.RUnlock()
		}
	default:
		l.all.Lock()
		return l.all.Unlock
	}
}

func (l *commandLocks) collection(name string) *sync.Mutex {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.collections == nil {
		l.collections = map[string]*sync.Mutex{}
	}
	c, ok := l.collections[name]
	if !ok {
		c = &sync.Mutex{}
		l.collections[name] = c
	}
	return c
}

func writesResult(req []byte) bool {
	for _, stage := range aggregateWrites {
		if bytes.Contains(req, stage) {
			return true
		}
	}
	return false
}

// commandTarget is the first key of an OP_MSG's body section (kind 0), and its value when
// that is a string (the collection, for CRUD commands).
func commandTarget(m []byte) (name, collection string) {
	// header, flags, section kind, document length, element type
	i := headerBytes + 4
	if len(m) < i+6 || m[i] != 0 {
		return "", ""
	}
	kind := m[i+5]
	start := i + 1 + 4 + 1
	end := start
	for end < len(m) && m[end] != 0 {
		end++
	}
	if end >= len(m) {
		return "", ""
	}
	name = string(m[start:end])
	const bsonString = 0x02
	at := end + 1
	if kind != bsonString || at+4 > len(m) {
		return name, ""
	}
	n := int(binary.LittleEndian.Uint32(m[at : at+4]))
	if n < 1 || at+4+n > len(m) {
		return name, ""
	}
	return name, string(m[at+4 : at+4+n-1])
}
