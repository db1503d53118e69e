package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/qriskit/qriskit/qris/api"
)

// schemaVersion is kept in PRAGMA user_version so that a database written
// by an incompatible sandbox is refused instead of misread.
const schemaVersion = 2

// The UNIQUE (client_key, reference) constraint is what makes concurrent
// creates with one reference yield exactly one transaction: the database
// decides, not a check-then-insert race in Go.
const schema = `
CREATE TABLE transactions (
	id           TEXT PRIMARY KEY,
	client_key   TEXT NOT NULL,
	reference    TEXT NOT NULL,
	amount       INTEGER NOT NULL CHECK (amount > 0),
	fee          INTEGER NOT NULL CHECK (fee >= 0),
	total_amount INTEGER NOT NULL CHECK (total_amount = amount + fee),
	fee_payer    TEXT NOT NULL CHECK (fee_payer IN ('customer', 'merchant')),
	status       TEXT NOT NULL CHECK (status IN ('pending', 'success', 'failed', 'expired')),
	view_name    TEXT NOT NULL,
	callback     TEXT NOT NULL,
	content      TEXT NOT NULL,
	image        TEXT NOT NULL,
	created_at   INTEGER NOT NULL, -- Unix milliseconds
	expires_at   INTEGER NOT NULL, -- Unix milliseconds, whole seconds
	settled_at   INTEGER,          -- Unix milliseconds, when paid or failed
	UNIQUE (client_key, reference)
) STRICT;

CREATE TABLE callbacks (
	id              INTEGER PRIMARY KEY,
	transaction_id  TEXT NOT NULL REFERENCES transactions (id),
	client_key      TEXT NOT NULL,
	url             TEXT NOT NULL,
	body            BLOB NOT NULL,
	state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL, -- Unix milliseconds; a lease while in flight
	created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX callbacks_due ON callbacks (state, next_attempt_at);
CREATE INDEX callbacks_transaction ON callbacks (transaction_id);

CREATE TABLE callback_attempts (
	callback_id INTEGER NOT NULL REFERENCES callbacks (id),
	attempt     INTEGER NOT NULL,
	started_at  INTEGER NOT NULL, -- Unix milliseconds
	duration_ms INTEGER NOT NULL,
	status_code INTEGER,          -- NULL when no HTTP response came back
	error       TEXT,             -- NULL when the attempt delivered
	PRIMARY KEY (callback_id, attempt)
) STRICT;
`

// migrations[v-1] brings a database at schema version v to v+1; schema
// is version 1.
var migrations = []string{
	// Version 2: the transactions list, by client, status and day.
	`CREATE INDEX transactions_list ON transactions (client_key, status, created_at);`,
}

// store keeps transactions and callbacks in SQLite. Writes go through one
// connection (SQLite has one writer anyway; queuing in database/sql is
// cheaper than SQLITE_BUSY retries), reads through a pool that WAL lets run
// beside the writer.
type store struct {
	w, r *sql.DB
}

func openStore(path string) (*store, error) {
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("database path %q: must not contain '?'", path)
	}
	// synchronous(FULL): every commit is on disk before the client hears
	// "success", so a crash or power cut loses no transaction.
	params := "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"
	memory := path == MemoryDB
	if !memory {
		params += "&_pragma=journal_mode(WAL)"
	}
	w, err := sql.Open("sqlite", path+params+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	st := &store{w: w, r: w}
	if err := st.migrate(); err != nil {
		w.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if memory {
		// Each connection to :memory: is a database of its own, so the
		// writer's one connection must serve reads too.
		return st, nil
	}
	r, err := sql.Open("sqlite", path+params+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	st.r = r
	return st, nil
}

func (st *store) migrate() error {
	var v int
	if err := st.w.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v == schemaVersion {
		return nil
	}
	if v < 0 || v > schemaVersion {
		return fmt.Errorf("schema version %d, this sandbox knows %d: use another --db file", v, schemaVersion)
	}
	tx, err := st.w.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if v == 0 {
		var tables int
		if err := tx.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return err
		}
		if tables != 0 {
			return errors.New("not a sandbox database (it has tables but no schema version)")
		}
		if _, err := tx.Exec(schema); err != nil {
			return err
		}
		v = 1
	}
	for ; v < schemaVersion; v++ {
		if _, err := tx.Exec(migrations[v-1]); err != nil {
			return fmt.Errorf("upgrading the schema from version %d: %w", v, err)
		}
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return err
	}
	return tx.Commit()
}

func (st *store) close() error {
	var err error
	if st.r != st.w {
		err = st.r.Close()
	}
	return errors.Join(err, st.w.Close())
}

// txn is one row of transactions.
type txn struct {
	ID, ClientKey, Reference string
	Amount, Fee, Total       int64
	FeePayer                 api.FeePayer
	Status                   api.Status
	ViewName, Callback       string
	Content, Image           string
	CreatedAt, ExpiresAt     time.Time
	SettledAt                time.Time // zero while pending or expired
}

// expired reports whether a pending transaction has passed its
// expiredDate at now.
func (t txn) expired(now time.Time) bool {
	return t.Status == api.StatusPending && now.After(t.ExpiresAt)
}

func (st *store) insert(ctx context.Context, t txn) error {
	_, err := st.w.ExecContext(ctx, `INSERT INTO transactions
		(id, client_key, reference, amount, fee, total_amount, fee_payer, status,
		 view_name, callback, content, image, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ID, t.ClientKey, t.Reference, t.Amount, t.Fee, t.Total, string(t.FeePayer), string(t.Status),
		t.ViewName, t.Callback, t.Content, t.Image, t.CreatedAt.UnixMilli(), t.ExpiresAt.UnixMilli())
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE {
		return errDuplicate
	}
	return err
}

const txnColumns = `id, client_key, reference, amount, fee, total_amount, fee_payer, status,
	view_name, callback, content, image, created_at, expires_at, settled_at`

type scanner interface{ Scan(...any) error }

func scanTxn(row scanner) (txn, error) {
	var (
		t                txn
		feePayer, status string
		created, expires int64
		settled          sql.NullInt64
	)
	err := row.Scan(&t.ID, &t.ClientKey, &t.Reference, &t.Amount, &t.Fee, &t.Total, &feePayer, &status,
		&t.ViewName, &t.Callback, &t.Content, &t.Image, &created, &expires, &settled)
	if errors.Is(err, sql.ErrNoRows) {
		return txn{}, errNotFound
	}
	if err != nil {
		return txn{}, err
	}
	t.FeePayer, t.Status = api.FeePayer(feePayer), api.Status(status)
	t.CreatedAt, t.ExpiresAt = time.UnixMilli(created), time.UnixMilli(expires)
	if settled.Valid {
		t.SettledAt = time.UnixMilli(settled.Int64)
	}
	return t, nil
}

// get returns the transaction, moving it to expired first when its time
// has passed, so that every reader sees the status the contract implies.
func (st *store) get(ctx context.Context, id string, now time.Time) (txn, error) {
	t, err := scanTxn(st.r.QueryRowContext(ctx, `SELECT `+txnColumns+` FROM transactions WHERE id = ?`, id))
	if err != nil || !t.expired(now) {
		return t, err
	}
	if err := markExpired(ctx, st.w, &t); err != nil {
		return txn{}, err
	}
	return t, nil
}

// markExpired moves t, pending and past its expiredDate, to expired, on
// the writer connection or inside the caller's database transaction.
func markExpired(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, t *txn) error {
	if _, err := db.ExecContext(ctx,
		`UPDATE transactions SET status = 'expired' WHERE id = ? AND status = 'pending'`, t.ID); err != nil {
		return err
	}
	t.Status = api.StatusExpired
	return nil
}

// count returns how many transactions there are.
func (st *store) count(ctx context.Context) (int, error) {
	var n int
	err := st.r.QueryRowContext(ctx, `SELECT count(*) FROM transactions`).Scan(&n)
	return n, err
}

// queued is one notification to queue: its body and how long after the
// settlement it is due.
type queued struct {
	body  []byte
	delay time.Duration
}

// settle moves a pending transaction of client to status (success or
// failed) and queues its callbacks, in one database transaction, so a
// settled transaction without a queued notification cannot exist even if
// the process dies mid-way. notify builds the callbacks from the row
// before and after settling. An expired transaction is marked expired and
// refused, unless late is set: then it is paid all the same, and a
// pending one has its expiredDate moved just before now first (a payment
// after expiry).
func (st *store) settle(ctx context.Context, id, client string, status api.Status, now time.Time, late bool,
	notify func(before, after txn) ([]queued, error)) (txn, error) {
	tx, err := st.w.BeginTx(ctx, nil)
	if err != nil {
		return txn{}, err
	}
	defer tx.Rollback()
	t, err := scanTxn(tx.QueryRowContext(ctx,
		`SELECT `+txnColumns+` FROM transactions WHERE id = ? AND client_key = ?`, id, client))
	if err != nil {
		return txn{}, err
	}
	if t.expired(now) && !late {
		if err := markExpired(ctx, tx, &t); err != nil {
			return txn{}, err
		}
		return t, errors.Join(errExpired, tx.Commit())
	}
	switch {
	case t.Status == api.StatusExpired && !late:
		return t, errExpired
	case t.Status != api.StatusPending && t.Status != api.StatusExpired:
		return t, errSettled
	}
	if late && !now.After(t.ExpiresAt) {
		t.ExpiresAt = now.Truncate(time.Second).Add(-time.Second)
	}
	before := t
	t.Status, t.SettledAt = status, now
	if _, err := tx.ExecContext(ctx, `UPDATE transactions SET status = ?, settled_at = ?, expires_at = ? WHERE id = ?`,
		string(status), now.UnixMilli(), t.ExpiresAt.UnixMilli(), id); err != nil {
		return txn{}, err
	}
	notes, err := notify(before, t)
	if err != nil {
		return txn{}, err
	}
	queuedAt := time.Now()
	for _, n := range notes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO callbacks
			(transaction_id, client_key, url, body, state, next_attempt_at, created_at)
			VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
			t.ID, t.ClientKey, t.Callback, n.body, queuedAt.Add(n.delay).UnixMilli(), queuedAt.UnixMilli()); err != nil {
			return txn{}, err
		}
	}
	return t, tx.Commit()
}

// byReference returns the id of client's transaction with reference.
func (st *store) byReference(ctx context.Context, client, reference string) (string, error) {
	var id string
	err := st.w.QueryRowContext(ctx, `SELECT id FROM transactions WHERE client_key = ? AND reference = ?`, client, reference).Scan(&id)
	return id, err
}

// list returns up to limit of client's transactions with status created
// in [from, to), oldest first (in the order stored, for one instant),
// after skipping offset. Pending ones past
// their expiredDate are marked expired first, so that the status filter
// sees what the contract implies.
func (st *store) list(ctx context.Context, client string, status api.Status, from, to, now time.Time, limit, offset int) ([]txn, error) {
	if _, err := st.w.ExecContext(ctx, `UPDATE transactions SET status = 'expired'
		WHERE client_key = ? AND status = 'pending' AND expires_at < ?`, client, now.UnixMilli()); err != nil {
		return nil, err
	}
	rows, err := st.r.QueryContext(ctx, `SELECT `+txnColumns+` FROM transactions
		WHERE client_key = ? AND status = ? AND created_at >= ? AND created_at < ?
		ORDER BY created_at, rowid LIMIT ? OFFSET ?`,
		client, string(status), from.UnixMilli(), to.UnixMilli(), limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []txn
	for rows.Next() {
		t, err := scanTxn(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// callback is one queued notification.
type callback struct {
	ID             int64
	TransactionID  string
	ClientKey, URL string
	Body           []byte
	State          string
	Attempts       int
	NextAttemptAt  time.Time
	CreatedAt      time.Time
	AttemptLog     []attempt
}

// attempt is one try at delivering a callback.
type attempt struct {
	N          int
	StartedAt  time.Time
	Duration   time.Duration
	StatusCode int // 0 when no HTTP response came back
	Err        string
}

// claimDue takes up to n pending callbacks whose time has come and leases
// them until now+lease, so the dispatcher does not hand one out twice and
// a callback claimed by a process that died is retried after the lease.
func (st *store) claimDue(ctx context.Context, now time.Time, n int, lease time.Duration) ([]callback, error) {
	tx, err := st.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id, transaction_id, client_key, url, body, attempts
		FROM callbacks WHERE state = 'pending' AND next_attempt_at <= ?
		ORDER BY next_attempt_at, id LIMIT ?`, now.UnixMilli(), n)
	if err != nil {
		return nil, err
	}
	var cs []callback
	for rows.Next() {
		var c callback
		if err := rows.Scan(&c.ID, &c.TransactionID, &c.ClientKey, &c.URL, &c.Body, &c.Attempts); err != nil {
			rows.Close()
			return nil, err
		}
		cs = append(cs, c)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	until := now.Add(lease).UnixMilli()
	for _, c := range cs {
		if _, err := tx.ExecContext(ctx, `UPDATE callbacks SET next_attempt_at = ? WHERE id = ?`, until, c.ID); err != nil {
			return nil, err
		}
	}
	return cs, tx.Commit()
}

// nextDue returns when the earliest pending callback is due.
func (st *store) nextDue(ctx context.Context) (time.Time, bool, error) {
	var at sql.NullInt64
	err := st.w.QueryRowContext(ctx, `SELECT min(next_attempt_at) FROM callbacks WHERE state = 'pending'`).Scan(&at)
	if err != nil || !at.Valid {
		return time.Time{}, false, err
	}
	return time.UnixMilli(at.Int64), true, nil
}

// recordAttempt logs attempt a of callback id and moves the callback on:
// delivered, failed for good, or pending again at next.
func (st *store) recordAttempt(ctx context.Context, id int64, a attempt, state string, next time.Time) error {
	tx, err := st.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var code, msg any
	if a.StatusCode != 0 {
		code = a.StatusCode
	}
	if a.Err != "" {
		msg = a.Err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO callback_attempts
		(callback_id, attempt, started_at, duration_ms, status_code, error) VALUES (?, ?, ?, ?, ?, ?)`,
		id, a.N, a.StartedAt.UnixMilli(), a.Duration.Milliseconds(), code, msg); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE callbacks SET state = ?, attempts = ?, next_attempt_at = ? WHERE id = ?`,
		state, a.N, next.UnixMilli(), id); err != nil {
		return err
	}
	return tx.Commit()
}

// callbacksOf returns the callbacks of a transaction with their attempts,
// oldest first.
func (st *store) callbacksOf(ctx context.Context, txnID string) ([]callback, error) {
	rows, err := st.r.QueryContext(ctx, `SELECT c.id, c.url, c.state, c.attempts, c.next_attempt_at, c.created_at,
			a.attempt, a.started_at, a.duration_ms, a.status_code, a.error
		FROM callbacks c LEFT JOIN callback_attempts a ON a.callback_id = c.id
		WHERE c.transaction_id = ? ORDER BY c.id, a.attempt`, txnID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []callback
	for rows.Next() {
		var (
			c               callback
			next, created   int64
			n, started, dur sql.NullInt64
			code            sql.NullInt64
			msg             sql.NullString
		)
		if err := rows.Scan(&c.ID, &c.URL, &c.State, &c.Attempts, &next, &created,
			&n, &started, &dur, &code, &msg); err != nil {
			return nil, err
		}
		if len(cs) == 0 || cs[len(cs)-1].ID != c.ID {
			c.TransactionID = txnID
			c.NextAttemptAt, c.CreatedAt = time.UnixMilli(next), time.UnixMilli(created)
			cs = append(cs, c)
		}
		if n.Valid {
			last := &cs[len(cs)-1]
			last.AttemptLog = append(last.AttemptLog, attempt{
				N: int(n.Int64), StartedAt: time.UnixMilli(started.Int64),
				Duration:   time.Duration(dur.Int64) * time.Millisecond,
				StatusCode: int(code.Int64), Err: msg.String,
			})
		}
	}
	return cs, rows.Err()
}
