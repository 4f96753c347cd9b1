using Terminal.Drivers.Simulated.Display;
using Terminal.Hal;

namespace Terminal.Simulator.Commands;

/// <summary>Draws the simulated display in the console and maps PC keys to keypad keys.</summary>
internal static class ConsoleView
{
    /// <summary>Writes the presented frame inside a box, with the virtual time.</summary>
    public static void Draw(TextWriter output, TextPanel panel, long nowMs)
    {
        string bar = new('─', panel.Columns);
        output.WriteLine($"┌{bar}┐ t={nowMs} ms");
        for (int r = 0; r < panel.Rows; r++)
        {
            string text = panel.RowText(r);
            int cells = 0;
            foreach (char ch in text)
            {
                cells += TextPanel.IsWide(ch) ? 2 : 1;
            }

            bool inverse = panel.StyleAt(r, 0).HasFlag(TextStyle.Inverse) && !Console.IsOutputRedirected;
            output.Write('│');
            output.Write(inverse ? "\u001b[7m" + text + "\u001b[0m" : text);
            output.Write(new string(' ', Math.Max(0, panel.Columns - cells)));
            output.WriteLine('│');
        }

        output.WriteLine($"└{bar}┘");
    }

    /// <summary>The keys a person can use, shown under the display.</summary>
    public const string Help =
        "keys: 0-9  Enter=ENTER  Backspace=CLEAR  Esc=CANCEL  m=MENU  F1 F2  .=DOT  f=FEED  Ctrl-C quits\n" +
        "cards: s=swipe UnionPay  v=swipe Visa  t=tap Visa  u=tap UnionPay  i=insert UnionPay chip  o=take it out\n" +
        "codes: w=WeChat Pay  a=Alipay  q=UnionPay QR";

    /// <summary>A card or code a letter presents (<c>s</c> swipes the UnionPay test card...), or (null, "") for none.</summary>
    public static (string? Action, string Argument) MapAction(ConsoleKeyInfo info) => info.KeyChar switch
    {
        's' => ("swipe", "unionpay"),
        'v' => ("swipe", "visa"),
        't' => ("tap", "visa"),
        'u' => ("tap", "unionpay"),
        'i' => ("insert", "unionpay-debit"),
        'o' => ("withdraw", string.Empty),
        'w' => ("scan", "134567890123456789"),
        'a' => ("scan", "284567890123456789"),
        'q' => ("scan", "6212345678901234567"),
        _ => (null, string.Empty),
    };

    /// <summary>The keypad key for a PC key, or <see cref="KeyCode.None"/>.</summary>
    public static int MapKey(ConsoleKeyInfo info)
    {
        if (info.KeyChar >= '0' && info.KeyChar <= '9')
        {
            return info.KeyChar;
        }

        return info.Key switch
        {
            ConsoleKey.Enter => KeyCode.Enter,
            ConsoleKey.Backspace => KeyCode.Clear,
            ConsoleKey.Escape => KeyCode.Cancel,
            ConsoleKey.M => KeyCode.Menu,
            ConsoleKey.F1 => KeyCode.F1,
            ConsoleKey.F2 => KeyCode.F2,
            ConsoleKey.OemPeriod or ConsoleKey.Decimal => KeyCode.Dot,
            ConsoleKey.UpArrow => KeyCode.Up,
            ConsoleKey.DownArrow => KeyCode.Down,
            ConsoleKey.F => KeyCode.Feed,
            _ => KeyCode.None,
        };
    }
}
