// Package wire is the embedded server's front: a MongoDB wire-protocol relay to FerretDB
// that takes the locks each command needs (locks.go).
package wire

import (
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
)

// FerretDB v1's SQLite handler reads a document and writes it back outside one
// transaction (FerretDB issue #3040), so two concurrent findAndModify calls with
// the same precondition can both succeed. MongoDB guarantees single-document
// atomicity, and the product relies on it (one officer wins a double press), so
// this proxy runs one write at a time: the embedded server then behaves like
// MongoDB for every test that checks a race. Reads go on meanwhile (locks.go says
// why that is safe). Handshakes and pings take no lock at all.

const (
	opMsg       = 2013
	moreToCome  = 1 << 1
	headerBytes = 16
)

// Serializer relays clients on a listener to FerretDB at Backend, one write at a time.
type Serializer struct {
	Backend string
	Log     *slog.Logger
	locks   commandLocks
}

// Serve relays every client l accepts until l is closed.
func (s *Serializer) Serve(l net.Listener) {
	for {
		client, err := l.Accept()
		if err != nil {
			return
		}
		go s.relay(client)
	}
}

func (s *Serializer) relay(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", s.Backend)
	if err != nil {
		s.Log.Error("backend dial failed", "err", err)
		return
	}
	defer server.Close()
	for {
		req, err := readMessage(client)
		if err != nil {
			return
		}
		unlock := s.locks.acquire(req)
		err = s.roundTrip(req, server, client)
		unlock()
		if err != nil {
			return
		}
	}
}

// roundTrip forwards one request and every reply to it (none for moreToCome requests).
func (s *Serializer) roundTrip(req []byte, server, client net.Conn) error {
	if _, err := server.Write(req); err != nil {
		return err
	}
	if isOpMsg(req) && msgFlags(req)&moreToCome != 0 {
		return nil
	}
	for {
		reply, err := readMessage(server)
		if err != nil {
			return err
		}
		if _, err := client.Write(reply); err != nil {
			return err
		}
		if !isOpMsg(reply) || msgFlags(reply)&moreToCome == 0 {
			return nil
		}
	}
}

func readMessage(r io.Reader) ([]byte, error) {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, err
	}
	n := int(binary.LittleEndian.Uint32(head[:]))
	if n < headerBytes || n > 64<<20 {
		return nil, errors.New("malformed wire message length")
	}
	msg := make([]byte, n)
	copy(msg, head[:])
	if _, err := io.ReadFull(r, msg[4:]); err != nil {
		return nil, err
	}
	return msg, nil
}

func isOpMsg(m []byte) bool { return binary.LittleEndian.Uint32(m[12:16]) == opMsg }

func msgFlags(m []byte) uint32 {
	if len(m) < headerBytes+4 {
		return 0
	}
	return binary.LittleEndian.Uint32(m[16:20])
}
