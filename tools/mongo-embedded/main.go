// Command mongo-embedded serves the MongoDB wire protocol on 127.0.0.1 from an
// embedded FerretDB with its SQLite backend. It exists because MongoDB's own
// server cannot be downloaded on the project's build machines; tests and
// offline runs use it when mongodb-memory-server has no binary.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/hue-qr-report/mongo-embedded/wire"
)

func main() {
	dir := flag.String("dir", "", "folder for the SQLite files (required)")
	port := flag.Int("port", 0, "TCP port on 127.0.0.1; 0 picks a free one")
	verbose := flag.Bool("verbose", false, "log every connection (FerretDB's info level)")
	flag.Parse()
	if *dir == "" {
		log.Fatal("mongo-embedded: -dir is required")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatalf("mongo-embedded: %v", err)
	}

	addr, err := freeAddr(*port)
	if err != nil {
		log.Fatalf("mongo-embedded: %v", err)
	}

	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// FerretDB listens on a private port; clients reach it through the serializer on addr.
	backend, err := freeAddr(0)
	if err != nil {
		log.Fatalf("mongo-embedded: %v", err)
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: backend},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dir + "/",
	})
	if err != nil {
		log.Fatalf("mongo-embedded: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go exitWithParent(ctx, stop)

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	if err := waitListening(backend, 10*time.Second); err != nil {
		log.Fatalf("mongo-embedded: %v", err)
	}
	front, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatalf("mongo-embedded: %v", err)
	}
	go (&wire.Serializer{Backend: backend, Log: logger}).Serve(front)
	// The parent reads this exact line to learn where to connect.
	fmt.Printf("READY mongodb://%s/\n", addr)

	if err := <-done; err != nil && ctx.Err() == nil {
		log.Fatalf("mongo-embedded: %v", err)
	}
}

func freeAddr(port int) (string, error) {
	if port != 0 {
		return fmt.Sprintf("127.0.0.1:%d", port), nil
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitListening(addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("not listening on %s after %s", addr, limit)
}

// exitWithParent stops the server when the process that started it is gone,
// so a crashed test run never leaves a server behind.
func exitWithParent(ctx context.Context, stop context.CancelFunc) {
	parent := os.Getppid()
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if os.Getppid() != parent {
				stop()
				return
			}
		}
	}
}
