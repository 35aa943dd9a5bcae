package wire

import (
	"encoding/binary"
	"sync"
	"testing"
)

// opMsgCommand builds an OP_MSG whose body is {<name>: "<collection>", "$db": "t"}.
func opMsgCommand(name, collection string) []byte {
	var doc []byte
	doc = append(doc, 0, 0, 0, 0, 0x02)
	doc = append(doc, name...)
	doc = append(doc, 0)
	doc = binary.LittleEndian.AppendUint32(doc, uint32(len(collection)+1))
	doc = append(doc, collection...)
	doc = append(doc, 0, 0x02, '$', 'd', 'b', 0, 2, 0, 0, 0, 't', 0, 0)
	binary.LittleEndian.PutUint32(doc, uint32(len(doc)))
	msg := make([]byte, headerBytes+4)
	msg = append(msg, 0)
	msg = append(msg, doc...)
	binary.LittleEndian.PutUint32(msg[0:4], uint32(len(msg)))
	binary.LittleEndian.PutUint32(msg[12:16], opMsg)
	return msg
}

func TestCommandName(t *testing.T) {
	if name := commandName(opMsgCommand("findAndModify", "accounts")); name != "findAndModify" {
		t.Fatalf("got %q", name)
	}
}

func TestLocks(t *testing.T) {
	cmd := opMsgCommand
	cases := []struct {
		what   string
		held   [][]byte
		next   []byte
		starts bool
	}{
		{"two writes to one collection run one after the other", [][]byte{cmd("findAndModify", "tickets")}, cmd("update", "tickets"), false},
		{"so do writes to different collections (SQLite has one writer)", [][]byte{cmd("update", "botstates")}, cmd("insert", "processedupdates"), false},
		{"a write starts next to reads", [][]byte{cmd("find", "tickets"), cmd("find", "tickets")}, cmd("update", "tickets"), true},
		{"a read starts next to reads and a write", [][]byte{cmd("find", "tickets"), cmd("update", "tickets")}, cmd("find", "tickets"), true},
		{"a command without a collection waits for a read", [][]byte{cmd("find", "tickets")}, cmd("dropDatabase", ""), false},
		{"a command without a collection waits for a write", [][]byte{cmd("insert", "accounts")}, cmd("dropDatabase", ""), false},
		{"a read waits for a command without a collection", [][]byte{cmd("dropDatabase", "")}, cmd("find", "tickets"), false},
		{"a ping needs no lock", [][]byte{cmd("dropDatabase", "")}, cmd("ping", ""), true},
		{"an aggregate that writes its result is a write", [][]byte{cmd("aggregate", "$out")}, cmd("update", "x"), false},
		{"an aggregate that only reads is a read", [][]byte{cmd("update", "x")}, cmd("aggregate", "tickets"), true},
	}
	for _, c := range cases {
		var l commandLocks
		var releases []func()
		for _, h := range c.held {
			release, ok := l.tryAcquire(h)
			if !ok {
				t.Fatalf("%s: a held command could not start", c.what)
			}
			releases = append(releases, release)
		}
		release, ok := l.tryAcquire(c.next)
		if ok != c.starts {
			t.Errorf("%s: starts = %v, want %v", c.what, ok, c.starts)
		}
		if ok {
			release()
		}
		for _, r := range releases {
			r()
		}
		// Once the others end, it always starts: nothing is left held.
		if release, ok := l.tryAcquire(c.next); !ok {
			t.Errorf("%s: still waits after the others ended", c.what)
		} else {
			release()
		}
	}
}

// A waiting write starts once the write before it ends, in that order: no sleep, only the order.
func TestWaitingWriteStartsAfterTheFirstEnds(t *testing.T) {
	var l commandLocks
	var mu sync.Mutex
	var order []string
	note := func(s string) {
		mu.Lock()
		order = append(order, s)
		mu.Unlock()
	}
	release := l.acquire(opMsgCommand("findAndModify", "tickets"))
	started := make(chan struct{})
	go func() {
		r := l.acquire(opMsgCommand("update", "tickets"))
		note("second started")
		r()
		close(started)
	}()
	note("first ended")
	release()
	<-started
	if len(order) != 2 || order[0] != "first ended" || order[1] != "second started" {
		t.Fatalf("order %v", order)
	}
}
