// Command ferretdb-embedded runs an embedded FerretDB (SQLite backend) that
// speaks the MongoDB wire protocol on a loopback TCP port. It is used as the
// local/test database when no mongod binary is available.
//
// Usage: ferretdb -listen 127.0.0.1:27017 -data ./data
//
// Once listening it prints exactly one line to stdout:
//
//	ready mongodb://127.0.0.1:PORT/
//
// It exits cleanly on SIGINT/SIGTERM. Telemetry is always disabled (the
// embedding API disables it explicitly; DO_NOT_TRACK/FERRETDB_TELEMETRY are
// set as belt and braces).
//
// Write serialization: FerretDB 1.24's SQLite handler implements update,
// findAndModify and delete as "query, then write" without any locking, so
// concurrent conditional updates can all succeed and concurrent $inc loses
// increments. Unless -serialize-writes=false, FerretDB listens on an internal
// loopback port and this program proxies the wire protocol from -listen,
// holding one global mutex around every write command (insert, update,
// delete, findAndModify, DDL) from request to reply. Reads are not serialized.
package main

import (
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "loopback TCP address to listen on (host must be 127.0.0.1/localhost/::1)")
	dataDir := flag.String("data", "", "directory for the SQLite data files (created if missing)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn, error")
	watchStdin := flag.Bool("exit-on-stdin-eof", false, "shut down when stdin is closed (lets a parent process that dies without cleanup take this server with it)")
	serialize := flag.Bool("serialize-writes", true, "proxy connections and serialize write commands (makes conditional updates and $inc atomic)")
	flag.Parse()

	if err := run(*listen, *dataDir, *logLevel, *serialize, *watchStdin); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-embedded: %v\n", err)
		os.Exit(1)
	}
}

func run(listen, dataDir, logLevel string, serialize, watchStdin bool) error {
	os.Setenv("DO_NOT_TRACK", "1")
	os.Setenv("FERRETDB_TELEMETRY", "disable")

	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("invalid -listen %q: %w", listen, err)
	}
	switch host {
	case "127.0.0.1", "localhost", "::1":
	default:
		return fmt.Errorf("-listen host must be loopback (127.0.0.1), got %q", host)
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	addr := net.JoinHostPort(host, port)

	if dataDir == "" {
		return errors.New("-data is required")
	}
	absData, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(absData, 0o700); err != nil {
		return fmt.Errorf("creating data dir: %w", err)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("invalid -log-level %q: %w", logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	sqliteURL := "file:" + filepath.ToSlash(absData)
	if !strings.HasSuffix(sqliteURL, "/") {
		sqliteURL += "/"
	}

	// With serialization on, FerretDB itself listens on an ephemeral internal
	// port and the proxy owns the public address.
	var public net.Listener
	ferretAddr := addr
	if serialize {
		if public, err = net.Listen("tcp", addr); err != nil {
			return err
		}
		defer public.Close()
		ferretAddr = net.JoinHostPort(host, "0")
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: ferretAddr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()

	// New() binds the listener; MongoDBURI() blocks until it is bound. Confirm
	// with a real TCP connection before announcing readiness.
	uri := f.MongoDBURI()
	if serialize {
		backend := strings.TrimSuffix(strings.TrimPrefix(uri, "mongodb://"), "/")
		p := &proxy{backend: backend, logger: logger, conns: map[net.Conn]struct{}{}}
		go p.serve(ctx, public)
		uri = "mongodb://" + addr + "/"
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		select {
		case <-done:
			return fmt.Errorf("listener stopped before becoming ready: %w", err)
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not listening on %s after 15s: %w", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}

	fmt.Fprintf(os.Stdout, "ready %s\n", uri)

	<-done
	return nil
}

// proxy forwards MongoDB wire protocol messages between clients and FerretDB,
// serializing write commands across all connections.
type proxy struct {
	backend string
	logger  *slog.Logger
	writeMu sync.Mutex

	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

func (p *proxy) track(c net.Conn, add bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if add {
		if p.conns == nil {
			return false // shutting down
		}
		p.conns[c] = struct{}{}
	} else if p.conns != nil {
		delete(p.conns, c)
	}
	return true
}

func (p *proxy) serve(ctx context.Context, l net.Listener) {
	go func() {
		<-ctx.Done()
		l.Close()
		p.mu.Lock()
		for c := range p.conns {
			c.Close()
		}
		p.conns = nil
		p.mu.Unlock()
	}()
	for {
		c, err := l.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return
			}
			p.logger.Warn("accept failed", "err", err)
			time.Sleep(50 * time.Millisecond)
			continue
		}
		go p.handle(c)
	}
}

func (p *proxy) handle(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.backend)
	if err != nil {
		p.logger.Warn("backend dial failed", "err", err)
		return
	}
	defer server.Close()
	if !p.track(client, true) || !p.track(server, true) {
		return
	}
	defer p.track(client, false)
	defer p.track(server, false)

	for {
		req, err := readMessage(client)
		if err != nil {
			return
		}
		locked := isWriteCommand(req)
		if locked {
			p.writeMu.Lock()
		}
		err = p.roundTrip(client, server, req)
		if locked {
			p.writeMu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

const (
	opMsg          = 2013
	flagMoreToCome = 1 << 1
)

func (p *proxy) roundTrip(client, server net.Conn, req []byte) error {
	if _, err := server.Write(req); err != nil {
		return err
	}
	if msgFlags(req)&flagMoreToCome != 0 {
		return nil // fire-and-forget (w:0): no reply
	}
	for {
		resp, err := readMessage(server)
		if err != nil {
			return err
		}
		if _, err := client.Write(resp); err != nil {
			return err
		}
		if msgFlags(resp)&flagMoreToCome == 0 {
			return nil
		}
	}
}

func readMessage(r io.Reader) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := int(binary.LittleEndian.Uint32(hdr[:]))
	if n < 16 || n > 64<<20 {
		return nil, fmt.Errorf("invalid message length %d", n)
	}
	msg := make([]byte, n)
	copy(msg, hdr[:])
	if _, err := io.ReadFull(r, msg[4:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// msgFlags returns OP_MSG flagBits, or 0 for other opcodes.
func msgFlags(msg []byte) uint32 {
	if len(msg) < 20 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return 0
	}
	return binary.LittleEndian.Uint32(msg[16:20])
}

var writeCommands = map[string]bool{
	"insert": true, "update": true, "delete": true, "findandmodify": true,
	"create": true, "createindexes": true, "drop": true, "dropindexes": true,
	"dropdatabase": true, "renamecollection": true, "collmod": true,
}

// isWriteCommand reports whether msg is an OP_MSG whose body (section kind 0)
// is a write command; the command name is the body document's first key.
func isWriteCommand(msg []byte) bool {
	if len(msg) < 21 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return false
	}
	pos := 20
	for pos < len(msg) {
		kind := msg[pos]
		pos++
		if pos+4 > len(msg) {
			return false
		}
		size := int(binary.LittleEndian.Uint32(msg[pos : pos+4]))
		if kind == 1 { // document sequence: int32 size (incl. itself), then cstring + docs
			pos += size
			continue
		}
		if kind != 0 || size < 5 || pos+size > len(msg) {
			return false
		}
		doc := msg[pos : pos+size]
		// doc: int32 len, then element: type byte, cstring name
		if len(doc) < 6 {
			return false
		}
		end := 5
		for end < len(doc) && doc[end] != 0 {
			end++
		}
		return writeCommands[strings.ToLower(string(doc[5:end]))]
	}
	return false
}
