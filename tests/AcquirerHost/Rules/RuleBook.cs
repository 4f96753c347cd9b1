using System.Text.Json;

namespace AcquirerHost.Rules;

/// <summary>The JSON rules file: an ordered rule list and the balance a balance inquiry reports.</summary>
public sealed class RuleBookFile
{
    /// <summary>Balance in fen returned by balance inquiries.</summary>
    public long Balance { get; set; } = RuleBook.DefaultBalance;

    /// <summary>Rules, first match wins.</summary>
    public List<ResponseRule> Rules { get; set; } = [];
}

/// <summary>
/// The host's response rules, first match wins, changeable while the host runs (thread-safe): loaded
/// from a JSON file (--rules) or set in-process by a test or the simulator. No matching rule means approve.
/// </summary>
public sealed class RuleBook
{
    /// <summary>Balance reported when nothing else is configured: 10,000.00 CNY.</summary>
    public const long DefaultBalance = 1_000_000;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Lock _gate = new();
    private readonly List<ResponseRule> _rules = [];
    private long _balance = DefaultBalance;

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

    /// <summary>Replaces every rule and the balance.</summary>
    public void Replace(RuleBookFile file)
    {
        lock (_gate)
        {
            _rules.Clear();
            _rules.AddRange(file.Rules);
            _balance = file.Balance;
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
    public ResponseRule? Choose(int mti, string? processingCode, string? amount12, string? terminal)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Times is <= 0 || !rule.Matches(mti, processingCode, amount12, terminal))
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
