// Command ferretdb-local runs the local MongoDB-wire database for local runs and
// tests: an embedded FerretDB 1.x on its PostgreSQL backend, with a private
// PostgreSQL server (binaries provisioned by scripts/infra.mjs) as its child.
//
// Why PostgreSQL and not FerretDB's SQLite backend: with SQLite every filter
// scans the whole collection (even `_id`), so an events collection of a few
// thousand documents made each command take seconds. On PostgreSQL FerretDB
// pushes equality filters down as `_jsonb->'field' @> value`; the event
// trigger installed below adds a GIN index beside every index FerretDB creates,
// so those filters are index lookups.
//
// It exists as our own program because the upstream `cmd/ferretdb` binary built
// with `go install` panics at start (FerretDB issue 2982: missing version.txt);
// the embeddable package has no such need.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/jackc/pgx/v5"
)

const database = "ferretdb"

// passwordEnv names the variable the PostgreSQL superuser's password comes in (scripts/infra
// takes it from the local secrets file): not a flag, so that it never shows in `ps`.
const passwordEnv = "PB_POSTGRES_PASSWORD"

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address of the MongoDB wire protocol")
	pgDist := flag.String("postgres", "", "directory of the PostgreSQL distribution (holds bin/initdb and bin/postgres)")
	pgData := flag.String("data", ".data/ferretdb/pg", "PostgreSQL data directory (created on first start)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail(err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	if *pgDist == "" {
		fail(errors.New("-postgres is required"))
	}
	password := os.Getenv(passwordEnv)
	if password == "" {
		fail(fmt.Errorf("%s must hold the PostgreSQL password (scripts/infra.mjs sets it from the secrets file)", passwordEnv))
	}
	os.Unsetenv(passwordEnv) // PostgreSQL, our child, has no use for it

	data, err := filepath.Abs(*pgData)
	if err != nil {
		fail(err)
	}
	as, err := serverUser(*pgDist, data)
	if err != nil {
		fail(err)
	}
	if err := initCluster(*pgDist, data, as); err != nil {
		fail(err)
	}
	if err := requirePassword(*pgDist, data, as, password); err != nil {
		fail(err)
	}
	port, err := freePort()
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	server, err := startServer(*pgDist, data, port, as)
	if err != nil {
		fail(err)
	}
	defer stopServer(server)

	url := postgresURL(port, password, database)
	if err := prepareDatabase(ctx, postgresURL(port, password, "postgres"), url); err != nil {
		stopServer(server)
		fail(err)
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  "postgresql",
		// The pool's size is FerretDB's option (pgx's), not PostgreSQL's, so it is not in url.
		// FerretDB 1.24 holds one pooled connection for every statement of an `update` command
		// until the command ends (msg_update.go defers each statement's close), so a command with
		// more statements than the pool has connections waits forever, and with it every other
		// client. The apps keep their multi-statement writes small; a pool larger than FerretDB's
		// default of 50 leaves room for several at once. PostgreSQL here allows 300 connections.
		PostgreSQLURL: url + "?pool_max_conns=250",
	})
	if err != nil {
		stopServer(server)
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "ferretdb-local listening on %s, PostgreSQL on 127.0.0.1:%d, data in %s\n", *listen, port, data)
	if err := db.Run(ctx); err != nil {
		stopServer(server)
		fail(err)
	}
}

// postgresURL is the address of a database as the superuser, with the password.
func postgresURL(port int, password, db string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword("postgres", password), Host: fmt.Sprintf("127.0.0.1:%d", port), Path: "/" + db}
	return u.String()
}

// hbaConf lets in only the superuser with its password (SCRAM), over TCP on the loopback: no
// `trust`, so another local user cannot connect to the cluster and read or change the data.
const hbaConf = `# Written by ferretdb-local at every start (infra/ferretdb/main.go); edits are lost.
# TYPE  DATABASE  USER      ADDRESS        METHOD
host    all       postgres  127.0.0.1/32   scram-sha-256
host    all       postgres  ::1/128        scram-sha-256
`

// requirePassword makes password authentication the only way in and sets the superuser's
// password, before the server listens: pg_hba.conf is rewritten, and the password is set in
// single-user mode (no connection needed, nothing listening). Done at every start, so a cluster
// made before passwords were required, or a changed password in the secrets file, is taken up.
func requirePassword(dist, data string, as *runAs, password string) error {
	hba := filepath.Join(data, "pg_hba.conf")
	if err := os.WriteFile(hba, []byte(hbaConf), 0o600); err != nil {
		return err
	}
	if as.owner != nil {
		if err := os.Lchown(hba, int(as.owner.Uid), int(as.owner.Gid)); err != nil {
			return err
		}
	}
	cmd := command(as, filepath.Join(dist, "bin", "postgres"), "--single", "-D", data,
		"-c", "password_encryption=scram-sha-256",
		// On an error PostgreSQL would print the failing statement, and with it the password.
		"-c", "log_min_error_statement=panic",
		"postgres")
	cmd.Stdout = nil // the single-user backend echoes its prompt and results
	cmd.Stdin = strings.NewReader("ALTER ROLE postgres PASSWORD '" + strings.ReplaceAll(password, "'", "''") + "';\n")
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("setting the PostgreSQL password in %s failed: %w", data, err)
	}
	return nil
}

// runAs is how initdb and postgres are started, and who must own the data directory.
type runAs struct {
	sys   func() *syscall.SysProcAttr
	owner *syscall.Credential // nil: whoever we are
}

// serverUser is who runs PostgreSQL: the current user, unless that is root,
// which PostgreSQL refuses. Then it runs in a user namespace of its own as
// `nobody` there, mapped to root outside: it owns its files as we do and
// reaches the data folder wherever we can, also in a home or temporary
// directory that no other user may enter. Where user namespaces are not allowed
// (some containers), it runs as the real `nobody`, which must be able to enter
// every directory above the data folder.
func serverUser(dist, data string) (*runAs, error) {
	if os.Geteuid() != 0 {
		return &runAs{sys: func() *syscall.SysProcAttr { return &syscall.SysProcAttr{} }}, nil
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("running as root, PostgreSQL needs the user nobody: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	namespaced := &runAs{sys: func() *syscall.SysProcAttr {
		return &syscall.SysProcAttr{
			Cloneflags:  syscall.CLONE_NEWUSER,
			UidMappings: []syscall.SysProcIDMap{{ContainerID: uid, HostID: os.Geteuid(), Size: 1}},
			GidMappings: []syscall.SysProcIDMap{{ContainerID: gid, HostID: os.Getegid(), Size: 1}},
		}
	}, owner: &syscall.Credential{Uid: uint32(os.Geteuid()), Gid: uint32(os.Getegid())}}
	probe := command(namespaced, filepath.Join(dist, "bin", "postgres"), "--version")
	probe.Stdout = nil
	if probe.Run() == nil {
		return namespaced, nil
	}
	nobody := &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	if err := reachableByOthers(data); err != nil {
		return nil, fmt.Errorf("running as root where user namespaces are not allowed, PostgreSQL runs as the user nobody, which %w; use a PB_DATA_DIR outside it", err)
	}
	return &runAs{sys: func() *syscall.SysProcAttr { return &syscall.SysProcAttr{Credential: nobody} }, owner: nobody}, nil
}

// reachableByOthers fails naming the first directory above dir that users other
// than its owner and group cannot enter.
func reachableByOthers(dir string) error {
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("cannot enter %s (mode %o)", d, info.Mode().Perm())
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

func command(as *runAs, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = as.sys()
	// The server dies with us even if we are killed with SIGKILL.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGTERM
	return cmd
}

func initCluster(dist, data string, as *runAs) error {
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); err == nil {
		return chownTree(data, as.owner) // a previous start as another user
	}
	if err := os.MkdirAll(data, 0o700); err != nil {
		return err
	}
	if err := chownTree(data, as.owner); err != nil {
		return err
	}
	cmd := command(as, filepath.Join(dist, "bin", "initdb"),
		"-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("initdb in %s failed: %w", data, err)
	}
	return nil
}

func chownTree(dir string, owner *syscall.Credential) error {
	if owner == nil {
		return nil
	}
	return filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(owner.Uid), int(owner.Gid))
	})
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startServer(dist, data string, port int, as *runAs) (*exec.Cmd, error) {
	cmd := command(as, filepath.Join(dist, "bin", "postgres"),
		"-D", data,
		"-c", "listen_addresses=127.0.0.1",
		"-c", "port="+strconv.Itoa(port),
		"-c", "unix_socket_directories=",
		"-c", "max_connections=300",
		// Local runs and tests: losing the last commits on a power cut is fine,
		// a corrupt cluster is not (fsync stays on).
		"-c", "synchronous_commit=off",
		// FerretDB sends the field name as a parameter (`_jsonb->$1`); a generic
		// plan cannot match an index on `_jsonb->'field'`, a custom plan can.
		"-c", "plan_cache_mode=force_custom_plan",
		"-c", "log_min_messages=warning",
	)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting PostgreSQL: %w", err)
	}
	return cmd, nil
}

func stopServer(cmd *exec.Cmd) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGINT) // fast shutdown: roll back clients, checkpoint, exit
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
	}
}

func connect(ctx context.Context, url string) (*pgx.Conn, error) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		conn, err := pgx.Connect(ctx, url)
		if err == nil {
			return conn, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("PostgreSQL did not accept connections: %w", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func prepareDatabase(ctx context.Context, adminURL, url string) error {
	admin, err := connect(ctx, adminURL)
	if err != nil {
		return err
	}
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", database).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if _, err := admin.Exec(ctx, "CREATE DATABASE "+database); err != nil {
			return err
		}
	}
	admin.Close(ctx)

	conn, err := connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, ginForEveryIndex)
	return err
}

// ginForEveryIndex: FerretDB creates B-tree indexes on `(_jsonb -> 'field')`,
// but filters with `@>`, which only a GIN index serves. For every expression of
// every new B-tree index, add a GIN index on the same expression.
const ginForEveryIndex = `
CREATE OR REPLACE FUNCTION pb_gin_beside_ferretdb_index() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  cmd record; idx record; expr text; n int;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    SELECT i.indrelid, i.indnatts, c.relname AS index_name, ns.nspname AS schema_name,
           t.relname AS table_name, am.amname
      INTO idx
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace ns ON ns.oid = c.relnamespace
      JOIN pg_am am ON am.oid = c.relam
     WHERE i.indexrelid = cmd.objid;
    CONTINUE WHEN idx IS NULL OR idx.amname <> 'btree';
    FOR n IN 1..idx.indnatts LOOP
      expr := pg_get_indexdef(cmd.objid, n, false);
      CONTINUE WHEN expr NOT LIKE '%_jsonb -> %';
      -- One GIN index per expression: a field in several indexes needs it once.
      CONTINUE WHEN EXISTS (
        SELECT 1 FROM pg_index gi JOIN pg_class gc ON gc.oid = gi.indexrelid JOIN pg_am gam ON gam.oid = gc.relam
         WHERE gi.indrelid = idx.indrelid AND gam.amname = 'gin' AND pg_get_indexdef(gi.indexrelid, 1, false) = expr);
      EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin (%s jsonb_path_ops)',
        left(idx.index_name, 55) || '_gin' || n, idx.schema_name, idx.table_name, expr);
    END LOOP;
  END LOOP;
END $$;
DROP EVENT TRIGGER IF EXISTS pb_gin_beside_ferretdb_index;
CREATE EVENT TRIGGER pb_gin_beside_ferretdb_index ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION pb_gin_beside_ferretdb_index();
`

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb-local:", err)
	os.Exit(1)
}
