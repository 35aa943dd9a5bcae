package main

import (
	"encoding/binary"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

// maxOverlap runs the commands at once, each holding its locks for a while, and returns
// how many held them at the same time at most.
func maxOverlap(t *testing.T, commands ...[]byte) int32 {
	t.Helper()
	var l commandLocks
	var now, most atomic.Int32
	var wg sync.WaitGroup
	for _, c := range commands {
		wg.Add(1)
		go func(c []byte) {
			defer wg.Done()
			release := l.acquire(c)
			n := now.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(30 * time.Millisecond)
			now.Add(-1)
			release()
		}(c)
	}
	wg.Wait()
	return most.Load()
}

func TestLocks(t *testing.T) {
	cases := []struct {
		what     string
		commands [][]byte
		want     int32
	}{
		{"two writes to one collection run one after the other", [][]byte{opMsgCommand("findAndModify", "tickets"), opMsgCommand("update", "tickets")}, 1},
		{"so do writes to different collections (SQLite has one writer)", [][]byte{opMsgCommand("update", "botstates"), opMsgCommand("insert", "processedupdates")}, 1},
		{"reads overlap each other and a write", [][]byte{opMsgCommand("find", "tickets"), opMsgCommand("find", "tickets"), opMsgCommand("update", "tickets"), opMsgCommand("insert", "x")}, 3},
		{"a command without a collection runs alone", [][]byte{opMsgCommand("dropDatabase", ""), opMsgCommand("find", "tickets"), opMsgCommand("insert", "accounts")}, 1},
		{"an aggregate that writes its result is a write", [][]byte{opMsgCommand("aggregate", "$out"), opMsgCommand("update", "x")}, 1},
	}
	for _, c := range cases {
		if got := maxOverlap(t, c.commands...); got != c.want {
			t.Errorf("%s: %d at once, want %d", c.what, got, c.want)
		}
	}
}
