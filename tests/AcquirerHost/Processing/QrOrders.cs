using System.Globalization;
using AcquirerHost.Store;
using Microsoft.Data.Sqlite;
using Terminal.Core.Flows;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Processing;

/// <summary>What a wallet's attempt to pay an order came to.</summary>
public enum WalletPayment
{
    /// <summary>Paid now: the order is paid and the sale is in the terminal's batch.</summary>
    Paid,
    /// <summary>The order was paid before: nothing more.</summary>
    AlreadyPaid,
    /// <summary>The order is closed or expired: refused, nothing charged.</summary>
    Refused,
    /// <summary>No such order.</summary>
    Unknown,
}

/// <summary>One merchant-presented order as the host keeps it.</summary>
public sealed record HostQrOrder(string OrderNumber, string Tid, int BatchNumber, int Stan, long Amount, int Wallet, string Status,
    string CodeUrl, string? WalletOrder, string? Rrn, string? AuthCode);

/// <summary>
/// The host's merchant-presented QR orders (docs/qr-orders.md): an order request (0200, 60.1 = 40) makes an order
/// (created) with its number and code URL; a wallet that scans the URL pays it (paid: an approved sale of the
/// terminal's batch, with an RRN, an auth code and the wallet's own order number); the status query (41) answers its
/// state; the close (42) closes an unpaid order and answers a paid one as paid (the payment stands, the terminal books
/// it). An order not paid within <see cref="Lifetime"/> expires. Orders live in the host's database, table qr_orders.
/// </summary>
public sealed class QrOrders
{
    /// <summary>Where the code URLs point (the wallet's name is the path's first part).</summary>
    public const string UrlBase = "https://qr.acquirer.test/";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS qr_orders (
            order_no TEXT PRIMARY KEY, tid TEXT NOT NULL, batch_no INTEGER NOT NULL, stan INTEGER NOT NULL,
            amount INTEGER NOT NULL, wallet INTEGER NOT NULL, status TEXT NOT NULL, code_url TEXT NOT NULL,
            wallet_order TEXT, rrn TEXT, auth_code TEXT, expires_at TEXT NOT NULL, created_at TEXT NOT NULL,
            UNIQUE (tid, batch_no, stan));
        """;

    private readonly AcquirerStore _store;
    private readonly TimeProvider _time;
    private readonly Random? _random;

    /// <summary>Orders over <paramref name="store"/>'s database (the table is made on first use).</summary>
    public QrOrders(AcquirerStore store, TimeProvider time, Random? random)
    {
        _store = store;
        _time = time;
        _random = random;
        _store.InTransaction(tx => Execute(tx, Schema));
    }

    /// <summary>How long an order waits for its payment before it expires (the terminal closes its own sooner).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wallet's path in a code URL: wx (WeChat Pay), ali (Alipay), up (UnionPay).</summary>
    public static string WalletPath(int wallet) => wallet switch { 1 => "wx", 2 => "ali", _ => "up" };

    /// <summary>The wallet (1 WeChat Pay, 2 Alipay, 3 UnionPay) a code URL's path names, and its order number; false when it is no order URL of this host.</summary>
    public static bool ParseUrl(string url, out int wallet, out string orderNumber)
    {
        wallet = 0;
        orderNumber = string.Empty;
        if (!url.StartsWith(UrlBase, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = url[UrlBase.Length..].Split('/');
        wallet = parts.Length == 2 ? parts[0] switch { "wx" => 1, "ali" => 2, "up" => 3, _ => 0 } : 0;
        orderNumber = parts.Length == 2 ? parts[1] : string.Empty;
        return wallet != 0 && orderNumber.Length > 0;
    }

    /// <summary>Every order of a terminal, oldest first.</summary>
    public IReadOnlyList<HostQrOrder> Orders(string tid) => _store.InTransaction(tx =>
    {
        using var cmd = Command(tx, Select + " WHERE tid = $tid ORDER BY created_at, order_no", ("$tid", tid));
        using var r = cmd.ExecuteReader();
        var list = new List<HostQrOrder>();
        while (r.Read())
        {
            list.Add(Read(r));
        }

        return list;
    });

    /// <summary>The order with this number, or null.</summary>
    public HostQrOrder? Find(string orderNumber) => _store.InTransaction(tx => FindIn(tx, "order_no = $o", ("$o", orderNumber)));

    /// <summary>
    /// A wallet pays the order <paramref name="orderNumber"/> (scanned from its code URL, <paramref name="wallet"/>
    /// the app that scanned it): an unpaid, unexpired order becomes an approved sale of the terminal's batch.
    /// </summary>
    public WalletPayment Pay(string orderNumber, int wallet) => _store.InTransaction(tx =>
    {
        HostQrOrder? order = FindIn(tx, "order_no = $o", ("$o", orderNumber));
        if (order == null)
        {
            return WalletPayment.Unknown;
        }

        order = ExpireIfDue(tx, order);
        if (order.Status == "paid")
        {
            return WalletPayment.AlreadyPaid;
        }

        if (order.Status != "created")
        {
            return WalletPayment.Refused;
        }

        DateTimeOffset now = _time.GetLocalNow();
        string rrn = AcquirerStore.NextSequence(tx, "rrn").ToString("D12", CultureInfo.InvariantCulture);
        string auth = (_random?.Next(0, 1_000_000) ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1_000_000)).ToString("D6", CultureInfo.InvariantCulture);
        string walletOrder = WalletOrderNumber(wallet, now, AcquirerStore.NextSequence(tx, "wallet_order"));
        AcquirerStore.AddAuthorization(tx, new AuthorizationRecord(
            0, order.Tid, "sale", 200, QrOrderFlow.CodeCreate, order.Stan, order.BatchNumber, order.Amount, null, rrn, auth, "00",
            now.ToString("MMdd", CultureInfo.InvariantCulture), "approved", null));
        Execute(tx, "UPDATE qr_orders SET status = 'paid', wallet = $w, wallet_order = $wo, rrn = $rrn, auth_code = $a WHERE order_no = $o",
            ("$w", wallet), ("$wo", walletOrder), ("$rrn", rrn), ("$a", auth), ("$o", orderNumber));
        return WalletPayment.Paid;
    });

    /// <summary>
    /// A wallet's own order number, as each publishes its shape: WeChat Pay's transaction_id (28 digits from 4200),
    /// Alipay's trade_no (28 digits, the date first), UnionPay's (a 20-digit number from 62).
    /// </summary>
    public static string WalletOrderNumber(int wallet, DateTimeOffset when, long sequence)
    {
        string date = when.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return wallet switch
        {
            1 => "4200" + date + sequence.ToString("D16", CultureInfo.InvariantCulture),
            2 => date + "2200" + sequence.ToString("D16", CultureInfo.InvariantCulture),
            _ => "62" + date[2..] + sequence.ToString("D12", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Answers an order message (0200 with 60.1 = 40, 41 or 42) of terminal <paramref name="tid"/>: fills the response's
    /// F59 (and F37/F38 of a paid order) and returns F39. <paramref name="decline"/> is a response rule's decline.
    /// </summary>
    public string Answer(Iso8583Message request, Iso8583Message response, string tid, int batch, string type, string? decline, out string note)
    {
        long amount = request.GetNumber(Field.Amount);
        int stan = (int)Math.Max(0, request.GetNumber(Field.Stan));
        string usage = request.GetString(Field.UsageData) ?? string.Empty;
        note = string.Empty;
        if (type == QrOrderFlow.TypeCreate.ToString(CultureInfo.InvariantCulture))
        {
            if (decline != null || amount <= 0)
            {
                note = " (order refused)";
                return decline ?? "13";
            }

            string w = QrOrderFlow.Tag(usage, QrOrderFlow.TagWallet);
            int wallet = w is "1" or "2" or "3" ? w[0] - '0' : 3;
            HostQrOrder order = _store.InTransaction(tx => Create(tx, tid, batch, stan, amount, wallet));
            Status(response, order, true);
            note = $" (order {order.OrderNumber} {order.Status})";
            return "00";
        }

        // Query and close name the order by F61: its batch and STAN.
        string original = request.GetString(Field.OriginalData) ?? string.Empty;
        if (original.Length != 12 || !int.TryParse(original.AsSpan(0, 6), NumberStyles.None, CultureInfo.InvariantCulture, out int ob)
            || !int.TryParse(original.AsSpan(6, 6), NumberStyles.None, CultureInfo.InvariantCulture, out int os))
        {
            note = " (F61 is not the order's batch and STAN)";
            return "30";
        }

        bool close = type == QrOrderFlow.TypeClose.ToString(CultureInfo.InvariantCulture);
        HostQrOrder? found = _store.InTransaction(tx =>
        {
            HostQrOrder? o = FindIn(tx, "tid = $t AND batch_no = $b AND stan = $s", ("$t", tid), ("$b", ob), ("$s", os));
            if (o == null)
            {
                return null;
            }

            o = ExpireIfDue(tx, o);
            if (close && o.Status == "created")
            {
                Execute(tx, "UPDATE qr_orders SET status = 'closed' WHERE order_no = $o", ("$o", o.OrderNumber));
                o = o with { Status = "closed" };
            }

            return o;
        });
        if (found == null)
        {
            note = " (no such order)";
            return "25";
        }

        Status(response, found, false);
        note = $" (order {found.OrderNumber} {found.Status}{(close ? ", close asked" : string.Empty)})";
        return "00";
    }

    private HostQrOrder Create(SqliteTransaction tx, string tid, int batch, int stan, long amount, int wallet)
    {
        // The same request again (a lost answer): the same order.
        HostQrOrder? earlier = FindIn(tx, "tid = $t AND batch_no = $b AND stan = $s", ("$t", tid), ("$b", batch), ("$s", stan));
        if (earlier != null)
        {
            return earlier;
        }

        DateTimeOffset now = _time.GetLocalNow();
        string number = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + tid + AcquirerStore.NextSequence(tx, "qr_order").ToString("D6", CultureInfo.InvariantCulture);
        string url = UrlBase + WalletPath(wallet) + "/" + number;
        Execute(tx, """
            INSERT INTO qr_orders (order_no, tid, batch_no, stan, amount, wallet, status, code_url, expires_at, created_at)
            VALUES ($o, $t, $b, $s, $a, $w, 'created', $u, $e, $c)
            """,
            ("$o", number), ("$t", tid), ("$b", batch), ("$s", stan), ("$a", amount), ("$w", wallet), ("$u", url),
            ("$e", _time.GetUtcNow().Add(Lifetime).ToString("O", CultureInfo.InvariantCulture)),
            ("$c", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        return new HostQrOrder(number, tid, batch, stan, amount, wallet, "created", url, null, null, null);
    }

    // An unpaid order past its lifetime is expired (nothing was charged).
    private HostQrOrder ExpireIfDue(SqliteTransaction tx, HostQrOrder order)
    {
        if (order.Status != "created")
        {
            return order;
        }

        using var cmd = Command(tx, "SELECT expires_at FROM qr_orders WHERE order_no = $o", ("$o", order.OrderNumber));
        var expires = DateTimeOffset.Parse((string)cmd.ExecuteScalar()!, CultureInfo.InvariantCulture);
        if (_time.GetUtcNow() < expires)
        {
            return order;
        }

        Execute(tx, "UPDATE qr_orders SET status = 'expired' WHERE order_no = $o", ("$o", order.OrderNumber));
        return order with { Status = "expired" };
    }

    // F59: B1 order number, B2 code URL (when made now), B3 status; a paid order adds B4 wallet, B5 its order number, and F37/F38.
    private static void Status(Iso8583Message response, HostQrOrder order, bool withUrl)
    {
        char status = order.Status switch { "paid" => QrOrderFlow.StatusPaid, "closed" => QrOrderFlow.StatusClosed, "expired" => QrOrderFlow.StatusExpired, _ => QrOrderFlow.StatusWaiting };
        string f59 = Tag(QrOrderFlow.TagOrderNumber, order.OrderNumber) + (withUrl ? Tag(QrOrderFlow.TagCodeUrl, order.CodeUrl) : string.Empty)
            + Tag(QrOrderFlow.TagStatus, status.ToString());
        if (order.Status == "paid")
        {
            f59 += Tag(QrOrderFlow.TagWallet, order.Wallet.ToString(CultureInfo.InvariantCulture)) + Tag(QrOrderFlow.TagWalletOrder, order.WalletOrder ?? string.Empty);
            response.Set(Field.Rrn, order.Rrn!);
            response.Set(Field.AuthCode, order.AuthCode!);
        }

        response.Set(Field.UsageData, f59);
    }

    /// <summary>An F59 tag: tag, three-digit length, value.</summary>
    public static string Tag(string tag, string value) => tag + value.Length.ToString("D3", CultureInfo.InvariantCulture) + value;

    private const string Select = "SELECT order_no, tid, batch_no, stan, amount, wallet, status, code_url, wallet_order, rrn, auth_code FROM qr_orders";

    private static HostQrOrder? FindIn(SqliteTransaction tx, string where, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(tx, Select + " WHERE " + where, args);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    private static HostQrOrder Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4), r.GetInt32(5), r.GetString(6), r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10));

    private static SqliteCommand Command(SqliteTransaction tx, string sql, params (string Name, object? Value)[] args)
    {
        SqliteCommand cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private static int Execute(SqliteTransaction tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(tx, sql, args);
        return cmd.ExecuteNonQuery();
    }
}
