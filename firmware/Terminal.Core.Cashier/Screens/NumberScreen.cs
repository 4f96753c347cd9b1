using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// Digits keyed for a flow (an invoice, a reference number, an ID, a key): between a least and a most count;
    /// CLEAR deletes one, ENTER hands them to the flow, CANCEL tells it. A key (hex) shows only its last digit, the
    /// rest as '*', and F1 turns that digit 1..6 into A..F and back. F1 may also offer another question.
    /// </summary>
    public sealed class NumberScreen : Screen
    {
        // Hex digits on one row of the key entry.
        private const int HexRow = 16;

        private readonly char[] _entry = new char[32];
        private IFlow? _owner;
        private string _title = string.Empty;
        private string _prompt = string.Empty;
        private int _length;
        private int _min;
        private int _max;
        private bool _hex;
        private int _f1Step = -1;

        /// <summary>The number entry of <paramref name="cashier"/>'s terminal.</summary>
        public NumberScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>Asks for <paramref name="min"/> to <paramref name="max"/> digits (hex: a secret key) for <paramref name="owner"/>.</summary>
        public void Ask(IFlow owner, string title, string prompt, int min, int max, bool hex) => Ask(owner, title, prompt, min, max, hex, -1);

        /// <summary>As <see cref="Ask(IFlow, string, string, int, int, bool)"/>; F1 starts <paramref name="owner"/> at <paramref name="f1Step"/> instead.</summary>
        public void Ask(IFlow owner, string title, string prompt, int min, int max, bool hex, int f1Step)
        {
            _owner = owner;
            _title = title;
            _prompt = prompt;
            _min = min;
            _max = max < _entry.Length ? max : _entry.Length;
            _hex = hex;
            _f1Step = f1Step;
            Wipe();
            C.Nav.Show(this);
        }

        /// <summary>The digits keyed (a key's hex digits A..F as letters); wipe them with <see cref="Wipe"/>.</summary>
        public char[] Digits => _entry;

        /// <summary>How many digits are keyed.</summary>
        public int Length => _length;

        /// <summary>Blanks the digits.</summary>
        public void Wipe()
        {
            for (int i = 0; i < _entry.Length; i++)
            {
                _entry[i] = ' ';
            }

            _length = 0;
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(_title);
            Line(3, _prompt, TextStyle.Normal);
            if (_hex)
            {
                Line(8, C.T(Texts.HexHint), TextStyle.Normal);
            }

            Footer(C.T(Texts.FooterAmount));
            DrawDigits();
        }

        /// <inheritdoc />
        public override void Timeout()
        {
            Wipe();
            base.Timeout();
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            if (key == KeyCode.Cancel)
            {
                Wipe();
                _owner?.OnCancelled();
                return;
            }

            if (KeyCode.IsDigit(key) && _length < _max)
            {
                _entry[_length++] = (char)key;
            }
            else if (key == KeyCode.F1 && _f1Step >= 0)
            {
                _owner?.Start(_f1Step);
                return;
            }
            else if (key == KeyCode.F1 && _hex && _length > 0)
            {
                char c = _entry[_length - 1];
                if (c >= '1' && c <= '6')
                {
                    _entry[_length - 1] = (char)('A' + (c - '1'));
                }
                else if (c >= 'A' && c <= 'F')
                {
                    _entry[_length - 1] = (char)('1' + (c - 'A'));
                }
            }
            else if (key == KeyCode.Clear && _length > 0)
            {
                _entry[--_length] = ' ';
            }
            else if (key == KeyCode.Enter)
            {
                if (_length < _min)
                {
                    C.Beep(BuzzerTone.Attention);
                    C.Status(C.F(_min == _max ? Texts.EnterDigits : Texts.EnterAtLeastDigits, _min.ToString()));
                    return;
                }

                // A key's digits stay in the buffer (the flow reads and wipes them); never in a string.
                string text = _hex ? string.Empty : new string(_entry, 0, _length);
                int value = _length <= 9 && !_hex ? ParseInt(text) : 0;
                _owner?.OnEntered(text, value);
                return;
            }

            DrawDigits();
        }

        private void DrawDigits()
        {
            D.ClearRow(5);
            D.ClearRow(6);
            if (_hex)
            {
                // A key's 32 digits in groups of four take two rows (16 digits, 19 cells each).
                D.Write(5, 1, GroupHex(0, _length < HexRow ? _length : HexRow), TextStyle.Normal);
                if (_length > HexRow)
                {
                    D.Write(6, 1, GroupHex(HexRow, _length), TextStyle.Normal);
                }
            }
            else
            {
                D.Write(5, 1, new string(_entry, 0, _length), _max > 12 ? TextStyle.Normal : TextStyle.Large);
            }

            D.Flush();
        }

        private string GroupHex(int from, int to)
        {
            // A key is never shown: every digit but the one just typed (so F1 can be seen turning it into
            // A..F) is a '*', in groups of four; the check value on the next screen proves the whole key.
            int count = to - from;
            char[] shown = new char[count + (count > 0 ? (count - 1) / 4 : 0)];
            int at = 0;
            for (int i = from; i < to; i++)
            {
                if (i > from && (i - from) % 4 == 0)
                {
                    shown[at++] = ' ';
                }

                shown[at++] = i == _length - 1 ? _entry[i] : '*';
            }

            return new string(shown, 0, at);
        }

        private static int ParseInt(string s)
        {
            int v = 0;
            for (int i = 0; i < s.Length; i++)
            {
                v = (v * 10) + (s[i] - '0');
            }

            return v;
        }
    }
}
