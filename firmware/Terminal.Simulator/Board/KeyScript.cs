using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Hal;

namespace Terminal.Simulator.Board;

/// <summary>One step of a key script: press a key, let time pass, or present a card or code (Action + Argument).</summary>
public readonly record struct KeyStep(int Key, int WaitMs, int Line, string? Action = null, string? Argument = null);

/// <summary>
/// Key scripts: what a cashier types, as text. One command a line; '#' starts a comment.
/// <code>
/// key 5              press one key
/// keys 1 2 0 0 ENTER press several, one after another
/// wait 2000          let 2000 ms pass
/// swipe unionpay     swipe a test card (visa, mastercard, unionpay) or a track 2 "PAN=YYMM..."
/// tap visa           tap a contactless test card (visa, mastercard, unionpay, dual, malformed, overlong-pan, slow)
/// insert unionpay-debit   push a contact chip card into the slot and leave it there (see ContactEmvTestCards.Names)
/// withdraw           take the chip card out of the slot
/// scan 134567890123456789   show the scanner a code, or a PNG file ending in .png (read from the current folder)
/// </code>
/// Key names: 0-9, ENTER, CANCEL, CLEAR, MENU, F1, F2, DOT, UP, DOWN, FEED.
/// </summary>
public static class KeyScript
{
    /// <summary>Parses a script; a bad line throws <see cref="FormatException"/> naming the source and line.</summary>
    public static IReadOnlyList<KeyStep> Parse(string text, string source)
    {
        var steps = new List<KeyStep>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            string[] words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            int lineNo = i + 1;
            switch (words[0].ToLowerInvariant())
            {
                case "key" when words.Length == 2:
                case "keys" when words.Length >= 2:
                    for (int w = 1; w < words.Length; w++)
                    {
                        int key = KeyCode.Parse(words[w]);
                        if (key == KeyCode.None)
                        {
                            throw new FormatException($"{source}:{lineNo}: unknown key '{words[w]}'");
                        }

                        steps.Add(new KeyStep(key, 0, lineNo));
                    }

                    break;
                case "wait" when words.Length == 2:
                    if (!int.TryParse(words[1], out int ms) || ms < 0 || ms > 86_400_000)
                    {
                        throw new FormatException($"{source}:{lineNo}: wait needs milliseconds from 0 to 86400000, got '{words[1]}'");
                    }

                    steps.Add(new KeyStep(KeyCode.None, ms, lineNo));
                    break;
                case "swipe" when words.Length == 2:
                    if (!TestCards.IsCardOrTrack2(words[1]))
                    {
                        throw new FormatException($"{source}:{lineNo}: unknown card '{words[1]}' (visa, mastercard, unionpay, or a track 2 PAN=YYMM...)");
                    }

                    steps.Add(new KeyStep(KeyCode.None, 0, lineNo, "swipe", words[1]));
                    break;
                case "tap" when words.Length == 2:
                    if (!Terminal.Drivers.Simulated.Contactless.EmvTestCards.Names.Contains(words[1]))
                    {
                        throw new FormatException($"{source}:{lineNo}: unknown contactless card '{words[1]}' ({string.Join(", ", Terminal.Drivers.Simulated.Contactless.EmvTestCards.Names)})");
                    }

                    steps.Add(new KeyStep(KeyCode.None, 0, lineNo, "tap", words[1]));
                    break;
                case "insert" when words.Length == 2:
                    if (!ContactEmvTestCards.IsName(words[1]))
                    {
                        throw new FormatException($"{source}:{lineNo}: unknown chip card '{words[1]}' ({string.Join(", ", ContactEmvTestCards.Names)})");
                    }

                    steps.Add(new KeyStep(KeyCode.None, 0, lineNo, "insert", words[1]));
                    break;
                case "withdraw" when words.Length == 1:
                    steps.Add(new KeyStep(KeyCode.None, 0, lineNo, "withdraw"));
                    break;
                case "scan" when words.Length == 2:
                    if (words[1].EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                    {
                        CheckImage(words[1], $"{source}:{lineNo}");
                    }

                    steps.Add(new KeyStep(KeyCode.None, 0, lineNo, "scan", words[1]));
                    break;
                default:
                    throw new FormatException($"{source}:{lineNo}: expected 'key K', 'keys K...', 'wait MS', 'swipe CARD', 'tap CARD', 'insert CARD', 'withdraw' or 'scan CODE', got '{line.Trim()}'");
            }
        }

        return steps;
    }

    // A PNG to scan is read and decoded when the script is read, so a missing file or one without a code stops the
    // run before it starts, not halfway through.
    private static void CheckImage(string path, string where)
    {
        byte[] image;
        try
        {
            image = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{where}: cannot read {path}: {Cli.UserFiles.Reason(e)}", e);
        }

        if (Terminal.Drivers.Simulated.Imaging.QrImage.Decode(image) == null)
        {
            throw new FormatException($"{where}: no QR code found in {path}");
        }
    }
}
