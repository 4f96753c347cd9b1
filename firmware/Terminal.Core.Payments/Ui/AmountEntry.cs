using Terminal.Core.Payments;
using Terminal.Hal;

namespace Terminal.Core.Ui
{
    /// <summary>What a key did to an amount being keyed.</summary>
    public enum AmountEntryResult
    {
        /// <summary>The amount changed or nothing happened; keep going.</summary>
        Editing = 0,
        /// <summary>ENTER with a valid amount: <see cref="AmountEntry.Amount"/> is final.</summary>
        Confirmed = 1,
        /// <summary>CANCEL, or CLEAR on an empty amount: leave without an amount.</summary>
        Cancelled = 2,
        /// <summary>The key was refused (see <see cref="AmountEntry.Problem"/>).</summary>
        Refused = 3,
    }

    /// <summary>
    /// Keying an amount the way POS terminals do it: digits enter from the right in fen, so "1 2 3" is
    /// 1.23 and there is no decimal point or leading zero to get wrong. CLEAR deletes the last digit,
    /// DOT appends "00" (whole yuan), ENTER confirms a non-zero amount, CANCEL leaves.
    /// </summary>
    public sealed class AmountEntry
    {
        private readonly long _maximum;
        private long _amount;
        private string _problem = string.Empty;

        /// <summary>Creates an entry refusing amounts above <paramref name="maximum"/> fen.</summary>
        public AmountEntry(long maximum) => _maximum = maximum;

        /// <summary>The amount keyed so far, in fen.</summary>
        public long Amount => _amount;

        /// <summary>The <see cref="Ui.Language"/> of <see cref="Problem"/>.</summary>
        public int Language { get; set; }

        /// <summary>Why the last key was refused; empty when it was not.</summary>
        public string Problem => _problem;

        /// <summary>The amount as shown: "CNY 1.23".</summary>
        public string Display => Money.FormatCny(_amount);

        /// <summary>Sets the amount outright (an item sale's computed total, within the maximum).</summary>
        public void Set(long fen)
        {
            _amount = fen < 0 ? 0 : fen > _maximum ? _maximum : fen;
            _problem = string.Empty;
        }

        /// <summary>Starts again from zero.</summary>
        public void Reset()
        {
            _amount = 0;
            _problem = string.Empty;
        }

        /// <summary>Applies one key.</summary>
        public AmountEntryResult Key(int key)
        {
            _problem = string.Empty;
            if (KeyCode.IsDigit(key))
            {
                return Append(key - KeyCode.Digit0, 1);
            }

            switch (key)
            {
                case KeyCode.Dot:
                    return _amount == 0 ? Refuse(Texts.Get(Language, Texts.KeyYuanFirst)) : Append(0, 2);
                case KeyCode.Clear:
                    if (_amount == 0)
                    {
                        return AmountEntryResult.Cancelled;
                    }

                    _amount /= 10;
                    return AmountEntryResult.Editing;
                case KeyCode.Cancel:
                    return AmountEntryResult.Cancelled;
                case KeyCode.Enter:
                    return _amount > 0 ? AmountEntryResult.Confirmed : Refuse(Texts.Get(Language, Texts.EnterAmount));
                default:
                    return Refuse(Texts.Get(Language, Texts.KeyNotUsed));
            }
        }

        private AmountEntryResult Append(int digit, int times)
        {
            long next = _amount;
            for (int i = 0; i < times; i++)
            {
                next = (next * 10) + digit;
                if (next > _maximum)
                {
                    return Refuse(Texts.Format(Language, Texts.MaximumIs, Money.FormatCny(_maximum)));
                }
            }

            _amount = next;
            return AmountEntryResult.Editing;
        }

        private AmountEntryResult Refuse(string why)
        {
            _problem = why;
            return AmountEntryResult.Refused;
        }
    }
}
