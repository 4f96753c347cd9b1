using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace AcquirerHost.Store;

/// <summary>What a reconciliation compares of an authorization: its kind, STAN, status and amount.</summary>
public readonly record struct AuthorizationState(string Kind, int Stan, string Status, long Amount);

/// <summary>A terminal known to the host: identity, keys, batch and last STAN.</summary>
public sealed record TerminalRecord(string Tid, string Mid, byte[] Tmk, byte[]? Pik, byte[]? Mak, int BatchNumber, int LastStan, string? SignedInAt, byte[]? Tdk = null);

/// <summary>One authorization as the host recorded it (sale, void, refund, pre-auth, balance inquiry).</summary>
public sealed record AuthorizationRecord(
    long Id, string Tid, string Kind, int Mti, string ProcessingCode, int Stan, int BatchNumber, long Amount,
    string? MaskedPan, string Rrn, string? AuthCode, string ResponseCode, string LocalDate, string Status, string? OriginalRrn);

/// <summary>Debit and credit counts and amounts of a batch (what F48 of a settlement compares).</summary>
public readonly record struct BatchTotals(int DebitCount, long DebitAmount, int CreditCount, long CreditAmount);

/// <summary>A settlement request and how it compared with the host's totals.</summary>
public sealed record SettlementRecord(long Id, string Tid, int BatchNumber, BatchTotals Terminal, BatchTotals Host, bool Balanced, bool Ended, int UploadedCount);

/// <summary>
/// The host's durable state in SQLite: terminals, authorizations, reversals, batch uploads and settlements.
/// WAL journal with synchronous=FULL, so a write is on disk when its call returns and a response that
/// acknowledges it is only sent afterwards. Schema changes are numbered migrations guarded by
/// PRAGMA user_version, so opening an existing database again changes nothing. One connection, serialised
/// by a lock: the host's message rate is tiny and this keeps every read-modify-write atomic.
/// </summary>
public sealed class AcquirerStore : IDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS terminals (
            tid TEXT PRIMARY KEY, mid TEXT NOT NULL, tmk TEXT NOT NULL, pik TEXT, mak TEXT,
            batch_no INTEGER NOT NULL DEFAULT 1, last_stan INTEGER NOT NULL DEFAULT 0, signed_in_at TEXT);
        CREATE TABLE IF NOT EXISTS authorizations (
            id INTEGER PRIMARY KEY AUTOINCREMENT, tid TEXT NOT NULL, kind TEXT NOT NULL, mti INTEGER NOT NULL,
            processing_code TEXT NOT NULL, stan INTEGER NOT NULL, batch_no INTEGER NOT NULL, amount INTEGER NOT NULL,
            masked_pan TEXT, rrn TEXT NOT NULL UNIQUE, auth_code TEXT, response_code TEXT NOT NULL,
            local_date TEXT NOT NULL, status TEXT NOT NULL, original_rrn TEXT, refunded INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_auth_stan ON authorizations(tid, batch_no, stan);
        CREATE TABLE IF NOT EXISTS reversals (
            tid TEXT NOT NULL, batch_no INTEGER NOT NULL, stan INTEGER NOT NULL, amount INTEGER NOT NULL,
            processing_code TEXT NOT NULL, matched_id INTEGER, created_at TEXT NOT NULL,
            PRIMARY KEY (tid, batch_no, stan));
        CREATE TABLE IF NOT EXISTS settlements (
            id INTEGER PRIMARY KEY AUTOINCREMENT, tid TEXT NOT NULL, batch_no INTEGER NOT NULL,
            t_debit_count INTEGER NOT NULL, t_debit_amount INTEGER NOT NULL, t_credit_count INTEGER NOT NULL, t_credit_amount INTEGER NOT NULL,
            h_debit_count INTEGER NOT NULL, h_debit_amount INTEGER NOT NULL, h_credit_count INTEGER NOT NULL, h_credit_amount INTEGER NOT NULL,
            balanced INTEGER NOT NULL, ended INTEGER NOT NULL DEFAULT 0, uploaded_count INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS batch_uploads (
            id INTEGER PRIMARY KEY AUTOINCREMENT, tid TEXT NOT NULL, batch_no INTEGER NOT NULL, stan INTEGER NOT NULL,
            processing_code TEXT NOT NULL, amount INTEGER NOT NULL, original_rrn TEXT, original_stan INTEGER,
            matched_id INTEGER, created_at TEXT NOT NULL, UNIQUE (tid, batch_no, stan));
        CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """,
        // 2: the track data key issued at a sign-in with 60.3 = 004 (null: tracks come in clear).
        "ALTER TABLE terminals ADD COLUMN tdk TEXT;",
        // 3: chip advices (script-result notifications, TC uploads), once per original sale.
        """
        CREATE TABLE IF NOT EXISTS chip_advices (
            id INTEGER PRIMARY KEY AUTOINCREMENT, tid TEXT NOT NULL, kind TEXT NOT NULL, batch_no INTEGER NOT NULL,
            stan INTEGER NOT NULL, original_stan INTEGER, matched_id INTEGER, detail TEXT, created_at TEXT NOT NULL,
            UNIQUE (tid, kind, batch_no, original_stan));
        """,
    ];

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Statements = new();

    // Each store's clock, found from its connection by the static row writers that take a transaction.
    private static readonly ConditionalWeakTable<SqliteConnection, TimeProvider> Clocks = new();

    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    /// <summary>
    /// Opens (creating on first run) the database at <paramref name="path"/> and brings its schema up to date; rows are
    /// stamped with <paramref name="time"/> (the machine's clock unless a simulation gives its own).
    /// </summary>
    public AcquirerStore(string path, TimeProvider? time = null)
    {
        Path = path;
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        Clocks.AddOrUpdate(_db, time ?? TimeProvider.System);
        _db.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("PRAGMA busy_timeout=5000;");
        Migrate();
    }

    // A row's time stamp, round-trip format, from the clock of the store the transaction is on.
    private static string Now(SqliteTransaction tx) =>
        (Clocks.TryGetValue(tx.Connection!, out TimeProvider? time) ? time : TimeProvider.System)
            .GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The schema version after migration (PRAGMA user_version).</summary>
    public int SchemaVersion
    {
        get
        {
            lock (_gate)
            {
                return Convert.ToInt32(Scalar("PRAGMA user_version;"), CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The journal mode SQLite reports (wal).</summary>
    public string JournalMode
    {
        get
        {
            lock (_gate)
            {
                return Convert.ToString(Scalar("PRAGMA journal_mode;"), CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> inside one transaction under the store's lock; committed before it returns.</summary>
    public T InTransaction<T>(Func<SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            T result = work(tx);
            tx.Commit();
            return result;
        }
    }

    /// <summary>Adds a terminal or replaces its merchant id and TMK (keeps its batch and STAN).</summary>
    public void ProvisionTerminal(string tid, string mid, byte[] tmk) => InTransaction(tx =>
        Run(tx, """
            INSERT INTO terminals (tid, mid, tmk) VALUES ($tid, $mid, $tmk)
            ON CONFLICT(tid) DO UPDATE SET mid = excluded.mid, tmk = excluded.tmk
            """, ("$tid", tid), ("$mid", mid), ("$tmk", Convert.ToHexString(tmk))));

    /// <summary>The terminal with id <paramref name="tid"/>, or null.</summary>
    public TerminalRecord? FindTerminal(string tid)
    {
        lock (_gate)
        {
            return FindTerminal(null, tid);
        }
    }

    /// <summary>The terminal with id <paramref name="tid"/> inside a transaction, or null.</summary>
    public TerminalRecord? FindTerminal(SqliteTransaction? tx, string tid)
    {
        var cmd = Query(tx, "SELECT tid, mid, tmk, pik, mak, batch_no, last_stan, signed_in_at, tdk FROM terminals WHERE tid = $tid", ("$tid", tid));
        using var r = cmd.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }

        return new TerminalRecord(
            r.GetString(0), r.GetString(1), Convert.FromHexString(r.GetString(2)),
            r.IsDBNull(3) ? null : Convert.FromHexString(r.GetString(3)),
            r.IsDBNull(4) ? null : Convert.FromHexString(r.GetString(4)),
            r.GetInt32(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7),
            r.IsDBNull(8) ? null : Convert.FromHexString(r.GetString(8)));
    }

    /// <summary>Stores freshly issued working keys of a terminal; a null <paramref name="tdk"/> means tracks come in clear.</summary>
    public static void SetWorkingKeys(SqliteTransaction tx, string tid, byte[] pik, byte[] mak, byte[]? tdk, string when) =>
        Run(tx, "UPDATE terminals SET pik = $pik, mak = $mak, tdk = $tdk, signed_in_at = $at WHERE tid = $tid",
            ("$pik", Convert.ToHexString(pik)), ("$mak", Convert.ToHexString(mak)), ("$tdk", tdk == null ? null : Convert.ToHexString(tdk)),
            ("$at", when), ("$tid", tid));

    /// <summary>Records the last STAN a terminal sent.</summary>
    public static void SetLastStan(SqliteTransaction tx, string tid, int stan) =>
        Run(tx, "UPDATE terminals SET last_stan = $stan WHERE tid = $tid", ("$stan", stan), ("$tid", tid));

    /// <summary>Moves a terminal to its next batch (after a settlement closes the current one).</summary>
    public static void NextBatch(SqliteTransaction tx, string tid, int closedBatch) =>
        Run(tx, "UPDATE terminals SET batch_no = $next WHERE tid = $tid AND batch_no <= $closed",
            ("$next", closedBatch >= 999999 ? 1 : closedBatch + 1), ("$tid", tid), ("$closed", closedBatch));

    /// <summary>The next value of a named counter (RRNs), starting at 1.</summary>
    public static long NextSequence(SqliteTransaction tx, string name)
    {
        Run(tx, "INSERT INTO sequences (name, value) VALUES ($n, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1", ("$n", name));
        var cmd = Command(tx, "SELECT value FROM sequences WHERE name = $n", ("$n", name));
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Records an authorization; returns its id.</summary>
    public static long AddAuthorization(SqliteTransaction tx, AuthorizationRecord a)
    {
        Run(tx, """
            INSERT INTO authorizations (tid, kind, mti, processing_code, stan, batch_no, amount, masked_pan, rrn, auth_code,
                response_code, local_date, status, original_rrn, created_at)
            VALUES ($tid, $kind, $mti, $pc, $stan, $batch, $amount, $pan, $rrn, $auth, $rc, $date, $status, $orig, $at)
            """,
            ("$tid", a.Tid), ("$kind", a.Kind), ("$mti", a.Mti), ("$pc", a.ProcessingCode), ("$stan", a.Stan),
            ("$batch", a.BatchNumber), ("$amount", a.Amount), ("$pan", a.MaskedPan), ("$rrn", a.Rrn), ("$auth", a.AuthCode),
            ("$rc", a.ResponseCode), ("$date", a.LocalDate), ("$status", a.Status), ("$orig", a.OriginalRrn),
            ("$at", Now(tx)));
        var cmd = Command(tx, "SELECT last_insert_rowid()");
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Changes the status of an authorization (approved, voided, reversed).</summary>
    public static void SetStatus(SqliteTransaction tx, long id, string status) =>
        Run(tx, "UPDATE authorizations SET status = $s WHERE id = $id", ("$s", status), ("$id", id));

    /// <summary>Adds to the amount already refunded against an authorization.</summary>
    public static void AddRefunded(SqliteTransaction tx, long id, long amount) =>
        Run(tx, "UPDATE authorizations SET refunded = refunded + $a WHERE id = $id", ("$a", amount), ("$id", id));

    /// <summary>The amount already refunded against an authorization.</summary>
    public static long Refunded(SqliteTransaction tx, long id)
    {
        var cmd = Command(tx, "SELECT refunded FROM authorizations WHERE id = $id", ("$id", id));
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The authorization with RRN <paramref name="rrn"/> of a terminal, or null.</summary>
    public static AuthorizationRecord? FindByRrn(SqliteTransaction tx, string tid, string rrn) =>
        ReadAuthorization(Command(tx, Select + " WHERE tid = $tid AND rrn = $rrn", ("$tid", tid), ("$rrn", rrn)));

    /// <summary>The latest authorization of a terminal with this batch and STAN, or null.</summary>
    public static AuthorizationRecord? FindByStan(SqliteTransaction tx, string tid, int batch, int stan) =>
        ReadAuthorization(Command(tx, Select + " WHERE tid = $tid AND batch_no = $b AND stan = $s ORDER BY id DESC LIMIT 1", ("$tid", tid), ("$b", batch), ("$s", stan)));

    /// <summary>
    /// The latest authorization of kind <paramref name="kind"/> of a terminal with auth code <paramref name="authCode"/>
    /// answered on <paramref name="localDate"/> (MMDD), or null: how a completion finds its pre-auth (F38 + F61.3).
    /// </summary>
    public static AuthorizationRecord? FindByAuthCode(SqliteTransaction tx, string tid, string kind, string authCode, string localDate) =>
        ReadAuthorization(Command(tx, Select + " WHERE tid = $tid AND kind = $k AND auth_code = $a AND local_date = $d ORDER BY id DESC LIMIT 1",
            ("$tid", tid), ("$k", kind), ("$a", authCode), ("$d", localDate)));

    /// <summary>The amounts of the pre-auths standing approved on the card <paramref name="maskedPan"/> (at any terminal): the holds on its account.</summary>
    public static IReadOnlyList<long> PreAuthAmounts(SqliteTransaction tx, string maskedPan)
    {
        var cmd = Command(tx, "SELECT amount FROM authorizations WHERE kind = 'preauth' AND status = 'approved' AND masked_pan = $p ORDER BY id", ("$p", maskedPan));
        using var r = cmd.ExecuteReader();
        var list = new List<long>();
        while (r.Read())
        {
            list.Add(r.GetInt64(0));
        }

        return list;
    }

    /// <summary>Every authorization of a terminal, oldest first (for tests and inspection).</summary>
    public IReadOnlyList<AuthorizationRecord> Authorizations(string tid) => Authorizations(tid, null);

    /// <summary>The authorizations of one terminal in one batch (all batches when <paramref name="batch"/> is null), oldest first.</summary>
    public IReadOnlyList<AuthorizationRecord> Authorizations(string tid, int? batch)
    {
        lock (_gate)
        {
            using var cmd = batch is int b
                ? Query(null, Select + " WHERE tid = $tid AND batch_no = $b ORDER BY id", ("$tid", tid), ("$b", b))
                : Query(null, Select + " WHERE tid = $tid ORDER BY id", ("$tid", tid));
            using var r = cmd.ExecuteReader();
            var list = new List<AuthorizationRecord>();
            while (r.Read())
            {
                list.Add(ReadRow(r));
            }

            return list;
        }
    }

    /// <summary>
    /// Kind, STAN, status and amount of every authorization of one batch, oldest first: the columns a
    /// reconciliation after every step needs, without reading the rest of each row.
    /// </summary>
    public IReadOnlyList<AuthorizationState> AuthorizationStates(string tid, int batch)
    {
        lock (_gate)
        {
            var cmd = Query(null, "SELECT kind, stan, status, amount FROM authorizations WHERE tid = $tid AND batch_no = $b ORDER BY id", ("$tid", tid), ("$b", batch));
            using var r = cmd.ExecuteReader();
            var list = new List<AuthorizationState>();
            while (r.Read())
            {
                list.Add(new AuthorizationState(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3)));
            }

            return list;
        }
    }

    /// <summary>Records a reversal unless one for the same terminal, batch and STAN exists; true when it is new.</summary>
    public static bool AddReversal(SqliteTransaction tx, string tid, int batch, int stan, long amount, string processingCode, long? matchedId)
    {
        var cmd = Command(tx, """
            INSERT OR IGNORE INTO reversals (tid, batch_no, stan, amount, processing_code, matched_id, created_at)
            VALUES ($tid, $b, $s, $a, $pc, $m, $at)
            """,
            ("$tid", tid), ("$b", batch), ("$s", stan), ("$a", amount), ("$pc", processingCode), ("$m", matchedId),
            ("$at", Now(tx)));
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>How many reversals the host recorded for a terminal.</summary>
    public int ReversalCount(string tid)
    {
        lock (_gate)
        {
            var cmd = Query(null, "SELECT COUNT(*) FROM reversals WHERE tid = $tid", ("$tid", tid));
            return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Where a card number is foreign (外卡) in SQL over masked_pan, as <see cref="Processing.CardInstitutions.IsForeign"/> decides
    /// it: a card number not starting 62, 60 or 9. No number (a QR payment, a transaction by reference) is domestic.
    /// </summary>
    public const string ForeignCardSql = "masked_pan IS NOT NULL AND substr(masked_pan, 1, 2) NOT IN ('62', '60') AND substr(masked_pan, 1, 1) <> '9'";

    /// <summary>The host's totals of a batch's foreign cards alone (<see cref="ForeignCardSql"/>); the domestic ones are the rest.</summary>
    public static BatchTotals ForeignTotals(SqliteTransaction tx, string tid, int batch) => Totals(tx, tid, batch, " AND " + ForeignCardSql);

    /// <summary>The batch's last approved sale, or null: what a host told to drop one leaves out of its books.</summary>
    public static AuthorizationRecord? LastApprovedSale(SqliteTransaction tx, string tid, int batch) =>
        ReadAuthorization(Command(tx, Select + " WHERE tid = $tid AND batch_no = $b AND kind = 'sale' AND status = 'approved' ORDER BY id DESC LIMIT 1", ("$tid", tid), ("$b", batch)));

    /// <summary>
    /// The host's totals of a batch: approved sales and pre-auth completions, request and advice (debits), and approved
    /// refunds (credits); voided and reversed ones excluded, pre-auths not counted.
    /// </summary>
    public static BatchTotals Totals(SqliteTransaction tx, string tid, int batch) => Totals(tx, tid, batch, string.Empty);

    private static BatchTotals Totals(SqliteTransaction tx, string tid, int batch, string where)
    {
        var cmd = Command(tx, """
            SELECT
              COALESCE(SUM(CASE WHEN kind IN ('sale', 'completion', 'advice') THEN 1 ELSE 0 END), 0),
              COALESCE(SUM(CASE WHEN kind IN ('sale', 'completion', 'advice') THEN amount ELSE 0 END), 0),
              COALESCE(SUM(CASE WHEN kind = 'refund' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount ELSE 0 END), 0)
            FROM authorizations WHERE tid = $tid AND batch_no = $b AND status = 'approved'
            """ + where, ("$tid", tid), ("$b", batch));
        using var r = cmd.ExecuteReader();
        r.Read();
        return new BatchTotals(r.GetInt32(0), r.GetInt64(1), r.GetInt32(2), r.GetInt64(3));
    }

    /// <summary>Records a settlement request; returns its id.</summary>
    public static long AddSettlement(SqliteTransaction tx, string tid, int batch, BatchTotals terminal, BatchTotals host, bool balanced)
    {
        Run(tx, """
            INSERT INTO settlements (tid, batch_no, t_debit_count, t_debit_amount, t_credit_count, t_credit_amount,
                h_debit_count, h_debit_amount, h_credit_count, h_credit_amount, balanced, ended, created_at)
            VALUES ($tid, $b, $tdc, $tda, $tcc, $tca, $hdc, $hda, $hcc, $hca, $bal, $ended, $at)
            """,
            ("$tid", tid), ("$b", batch), ("$tdc", terminal.DebitCount), ("$tda", terminal.DebitAmount), ("$tcc", terminal.CreditCount),
            ("$tca", terminal.CreditAmount), ("$hdc", host.DebitCount), ("$hda", host.DebitAmount), ("$hcc", host.CreditCount),
            ("$hca", host.CreditAmount), ("$bal", balanced ? 1 : 0), ("$ended", balanced ? 1 : 0),
            ("$at", Now(tx)));
        var cmd = Command(tx, "SELECT last_insert_rowid()");
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Records one uploaded transaction of a batch; false when that upload STAN was already recorded (a retransmission).</summary>
    public static bool AddBatchUpload(SqliteTransaction tx, string tid, int batch, int stan, string processingCode, long amount, string? originalRrn, int? originalStan, long? matchedId)
    {
        var cmd = Command(tx, """
            INSERT OR IGNORE INTO batch_uploads (tid, batch_no, stan, processing_code, amount, original_rrn, original_stan, matched_id, created_at)
            VALUES ($tid, $b, $s, $pc, $a, $rrn, $os, $m, $at)
            """,
            ("$tid", tid), ("$b", batch), ("$s", stan), ("$pc", processingCode), ("$a", amount), ("$rrn", originalRrn),
            ("$os", originalStan), ("$m", matchedId), ("$at", Now(tx)));
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Records a chip advice of a batch: a script-result notification (0620, kind "script-result") or a TC upload
    /// (0320 60.3 = 203, kind "tc"); false when that advice of that original was already recorded (a
    /// retransmission, which may carry a new STAN after the terminal restarted).
    /// </summary>
    public static bool AddChipAdvice(SqliteTransaction tx, string tid, string kind, int batch, int stan, int? originalStan, long? matchedId, string? detail)
    {
        var cmd = Command(tx, """
            INSERT OR IGNORE INTO chip_advices (tid, kind, batch_no, stan, original_stan, matched_id, detail, created_at)
            VALUES ($tid, $k, $b, $s, $os, $m, $d, $at)
            """,
            ("$tid", tid), ("$k", kind), ("$b", batch), ("$s", stan), ("$os", originalStan), ("$m", matchedId), ("$d", detail), ("$at", Now(tx)));
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>How many chip advices of <paramref name="kind"/> ("script-result" or "tc") a terminal sent.</summary>
    public int ChipAdviceCount(string tid, string kind)
    {
        lock (_gate)
        {
            var cmd = Query(null, "SELECT COUNT(*) FROM chip_advices WHERE tid = $tid AND kind = $k", ("$tid", tid), ("$k", kind));
            return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The details (script results "id:result", or the TC's masked summary) of a terminal's chip advices of <paramref name="kind"/>, oldest first.</summary>
    public IReadOnlyList<string> ChipAdviceDetails(string tid, string kind)
    {
        lock (_gate)
        {
            var cmd = Query(null, "SELECT COALESCE(detail, '') FROM chip_advices WHERE tid = $tid AND kind = $k ORDER BY id", ("$tid", tid), ("$k", kind));
            using var reader = cmd.ExecuteReader();
            var list = new List<string>();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            return list;
        }
    }

    /// <summary>How many transactions of a batch were uploaded.</summary>
    public static int UploadCount(SqliteTransaction tx, string tid, int batch)
    {
        var cmd = Command(tx, "SELECT COUNT(*) FROM batch_uploads WHERE tid = $tid AND batch_no = $b", ("$tid", tid), ("$b", batch));
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Closes the open (unbalanced) settlement of a batch after its batch upload; false when none is open.</summary>
    public static bool EndSettlement(SqliteTransaction tx, string tid, int batch, int uploadedCount)
    {
        var cmd = Command(tx, "UPDATE settlements SET ended = 1, uploaded_count = $n WHERE tid = $tid AND batch_no = $b AND ended = 0",
            ("$n", uploadedCount), ("$tid", tid), ("$b", batch));
        return cmd.ExecuteNonQuery() > 0;
    }

    /// <summary>Every settlement of a terminal, oldest first.</summary>
    public IReadOnlyList<SettlementRecord> Settlements(string tid)
    {
        lock (_gate)
        {
            var cmd = Query(null, """
                SELECT id, tid, batch_no, t_debit_count, t_debit_amount, t_credit_count, t_credit_amount,
                       h_debit_count, h_debit_amount, h_credit_count, h_credit_amount, balanced, ended, uploaded_count
                FROM settlements WHERE tid = $tid ORDER BY id
                """, ("$tid", tid));
            using var r = cmd.ExecuteReader();
            var list = new List<SettlementRecord>();
            while (r.Read())
            {
                list.Add(new SettlementRecord(
                    r.GetInt64(0), r.GetString(1), r.GetInt32(2),
                    new BatchTotals(r.GetInt32(3), r.GetInt64(4), r.GetInt32(5), r.GetInt64(6)),
                    new BatchTotals(r.GetInt32(7), r.GetInt64(8), r.GetInt32(9), r.GetInt64(10)),
                    r.GetInt32(11) != 0, r.GetInt32(12) != 0, r.GetInt32(13)));
            }

            return list;
        }
    }

    /// <summary>Flushes the WAL into the main file and closes the database.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException)
            {
                // The data is already durable in the WAL; a failed checkpoint loses nothing.
            }

            if (Statements.TryGetValue(_db, out Dictionary<string, SqliteCommand>? statements))
            {
                foreach (SqliteCommand cmd in statements.Values)
                {
                    cmd.Dispose();
                }

                Statements.Remove(_db);
            }

            _db.Dispose();
        }
    }

    private const string Select = """
        SELECT id, tid, kind, mti, processing_code, stan, batch_no, amount, masked_pan, rrn, auth_code, response_code,
               local_date, status, original_rrn FROM authorizations
        """;

    private static AuthorizationRecord? ReadAuthorization(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadRow(r) : null;
    }

    private static AuthorizationRecord ReadRow(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetInt32(5), r.GetInt32(6),
        r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10),
        r.GetString(11), r.GetString(12), r.GetString(13), r.IsDBNull(14) ? null : r.GetString(14));

    private void Migrate()
    {
        lock (_gate)
        {
            int version = Convert.ToInt32(Scalar("PRAGMA user_version;"), CultureInfo.InvariantCulture);
            for (int i = version; i < Migrations.Length; i++)
            {
                using var tx = _db.BeginTransaction();
                using var cmd = _db.CreateCommand(); // run once: not kept with the prepared statements
                cmd.Transaction = tx;
                cmd.CommandText = Migrations[i] + "PRAGMA user_version = " + (i + 1).ToString(CultureInfo.InvariantCulture) + ";";
                cmd.ExecuteNonQuery();
                tx.Commit();
            }
        }
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private SqliteCommand Query(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args) =>
        Prepared(_db, tx, sql, args);

    private static SqliteCommand Command(SqliteTransaction tx, string sql, params (string Name, object? Value)[] args) =>
        Prepared(tx.Connection!, tx, sql, args);

    // One command per SQL text and connection, kept: SQLite compiles the statement once, not on every call (the
    // compile cost more than most of these queries on an in-memory database). Callers hold the store's lock,
    // use a command only until its reader is disposed, and never dispose it: the store does, on Dispose.
    private static SqliteCommand Prepared(SqliteConnection db, SqliteTransaction? tx, string sql, (string Name, object? Value)[] args)
    {
        Dictionary<string, SqliteCommand> statements = Statements.GetValue(db, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!statements.TryGetValue(sql, out SqliteCommand? cmd))
        {
            cmd = db.CreateCommand();
            cmd.CommandText = sql;
            statements.Add(sql, cmd);
        }

        cmd.Transaction = tx;
        SqliteParameterCollection parameters = cmd.Parameters;
        if (parameters.Count != args.Length)
        {
            parameters.Clear();
            foreach (var (name, value) in args)
            {
                parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
        else
        {
            for (int i = 0; i < args.Length; i++)
            {
                parameters[i].ParameterName = args[i].Name;
                parameters[i].Value = args[i].Value ?? DBNull.Value;
            }
        }

        return cmd;
    }

    private static int Run(SqliteTransaction tx, string sql, params (string Name, object? Value)[] args) =>
        Command(tx, sql, args).ExecuteNonQuery();
}
