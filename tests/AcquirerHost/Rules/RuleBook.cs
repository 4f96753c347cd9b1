using System.Text.Json;

namespace AcquirerHost.Rules;

/// <summary>The JSON rules file: an ordered rule list and the balance a balance inquiry reports.</summary>
public sealed class RuleBookFile
{
    /// <summary>Balance in fen returned by balance inquiries.</summary>
    public long Balance { get; set; } = RuleBook.DefaultBalance;

    /// <summary>Rules, first match wins.</summary>
    public List<ResponseRule> Rules { get; set; } = [];

    /// <summary>The PIN every card has on this test host (F52 is checked against it).</summary>
    public string Pin { get; set; } = RuleBook.DefaultPin;

    /// <summary>The DUKPT base derivation key (32 hex digits) of the terminals' PIN pads.</summary>
    public string DukptBdk { get; set; } = RuleBook.DefaultDukptBdk;

    /// <summary>Whether a sign-in with 60.3 = 004 gets a track data key (false: answered as 003, tracks in clear).</summary>
    public bool TrackKey { get; set; } = true;
}

/// <summary>
/// The host's response rules, first match wins, changeable while the host runs (thread-safe): loaded
/// from a JSON file (--rules) or set in-process by a test or the simulator. No matching rule means approve.
/// </summary>
public sealed class RuleBook
{
    /// <summary>Balance reported when nothing else is configured: 10,000.00 CNY.</summary>
    public const long DefaultBalance = 1_000_000;

    /// <summary>The test PIN of every card unless the rules file says otherwise.</summary>
    public const string DefaultPin = "123456";

    /// <summary>The public ANSI X9.24-1 test BDK (never a real one).</summary>
    public const string DefaultDukptBdk = "0123456789ABCDEFFEDCBA9876543210";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Lock _gate = new();
    private readonly List<ResponseRule> _rules = [];
    private long _balance = DefaultBalance;
    private string _pin = DefaultPin;
    private byte[] _bdk = Convert.FromHexString(DefaultDukptBdk);
    private bool _trackKey = true;

    /// <summary>Whether a sign-in with 60.3 = 004 gets a track data key; false answers it as 003 (PIK and MAK only).</summary>
    public bool TrackKey
    {
        get
        {
            lock (_gate)
            {
                return _trackKey;
            }
        }

        set
        {
            lock (_gate)
            {
                _trackKey = value;
            }
        }
    }

    /// <summary>The PIN every card has (4 to 12 digits).</summary>
    public string Pin
    {
        get
        {
            lock (_gate)
            {
                return _pin;
            }
        }

        set
        {
            if (value.Length is < 4 or > 12 || !value.All(char.IsAsciiDigit))
            {
                throw new ArgumentException("the test PIN has 4 to 12 digits", nameof(value));
            }

            lock (_gate)
            {
                _pin = value;
            }
        }
    }

    /// <summary>A copy of the DUKPT base derivation key (16 bytes).</summary>
    public byte[] DukptBdk
    {
        get
        {
            lock (_gate)
            {
                return (byte[])_bdk.Clone();
            }
        }

        set
        {
            if (value.Length != 16)
            {
                throw new ArgumentException("the BDK is 16 bytes", nameof(value));
            }

            lock (_gate)
            {
                _bdk = (byte[])value.Clone();
            }
        }
    }

    /// <summary>Balance in fen returned by balance inquiries.</summary>
    public long Balance
    {
        get
        {
            lock (_gate)
            {
                return _balance;
            }
        }

        set
        {
            lock (_gate)
            {
                _balance = value;
            }
        }
    }

    /// <summary>Reads a rules file.</summary>
    public static RuleBook Load(string path)
    {
        var book = new RuleBook();
        book.Replace(Parse(File.ReadAllText(path)));
        return book;
    }

    /// <summary>Parses rules JSON; throws <see cref="JsonException"/> on bad input.</summary>
    public static RuleBookFile Parse(string json) =>
        JsonSerializer.Deserialize<RuleBookFile>(json, Json) ?? throw new JsonException("empty rules file");

    /// <summary>Replaces every rule, the balance, the test PIN, the DUKPT BDK and the track key setting; throws <see cref="JsonException"/> on a bad PIN or BDK.</summary>
    public void Replace(RuleBookFile file)
    {
        string pin = file.Pin ?? DefaultPin;
        if (pin.Length is < 4 or > 12 || !pin.All(char.IsAsciiDigit))
        {
            throw new JsonException("pin has 4 to 12 digits");
        }

        string bdkHex = file.DukptBdk ?? DefaultDukptBdk;
        if (bdkHex.Length != 32 || !bdkHex.All(char.IsAsciiHexDigit))
        {
            throw new JsonException("dukptBdk is 32 hex digits");
        }

        lock (_gate)
        {
            _rules.Clear();
            _rules.AddRange(file.Rules);
            _balance = file.Balance;
            _pin = pin;
            _bdk = Convert.FromHexString(bdkHex);
            _trackKey = file.TrackKey;
        }
    }

    /// <summary>Appends a rule (after the existing ones).</summary>
    public void Add(ResponseRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Removes every rule: everything is approved again.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The first rule matching the request, with its use counted, or null (approve).</summary>
    public ResponseRule? Choose(int mti, string? processingCode, string? amount12, string? terminal, string? pan = null)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Times is <= 0 || !rule.Matches(mti, processingCode, amount12, terminal, pan))
                {
                    continue;
                }

                if (rule.Times is int left)
                {
                    rule.Times = left - 1;
                }

                return rule;
            }

            return null;
        }
    }
}
