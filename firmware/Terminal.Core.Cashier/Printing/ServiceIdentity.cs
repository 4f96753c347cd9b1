using Terminal.Core.App;
using Terminal.Core.Host;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Printing
{
    /// <summary>
    /// The terminal's identity as a merchant reports a problem with it: the service hotline (and contact), the
    /// merchant's name, MID, TID, software version and the last sign-in (time and batch), line by line in the
    /// cashier's language. The help screen shows it, the help slip and the self-test's page print it.
    /// </summary>
    public sealed class ServiceIdentity
    {
        /// <summary>Most lines <see cref="Fill"/> gives.</summary>
        public const int MaxLines = 9;

        private readonly Cashier _c;
        private readonly string[] _lines = new string[MaxLines];

        /// <summary>The identity of <paramref name="cashier"/>'s terminal.</summary>
        public ServiceIdentity(Cashier cashier)
        {
            _c = cashier;
        }

        /// <summary>The identity's heading on the self-test's page.</summary>
        public string Title => _c.T(Texts.IdentityTitle);

        /// <summary>The lines <see cref="Fill"/> made last.</summary>
        public string Line(int i) => _lines[i];

        /// <summary>Makes the lines as they stand now; returns how many.</summary>
        public int Fill()
        {
            MerchantProfile profile = _c.Live.Store.Profile;
            TerminalIdentity? id = _c.Live.Store.Identity;
            int n = 0;
            _lines[n++] = profile.Hotline.Length > 0 ? _c.F(Texts.HelpHotline, profile.Hotline) : _c.T(Texts.HelpNoHotline);
            if (profile.Contact.Length > 0)
            {
                _lines[n++] = _c.F(Texts.HelpContact, profile.Contact);
            }

            _lines[n++] = _c.T(Texts.HelpMerchant);
            _lines[n++] = _c.MerchantName;
            _lines[n++] = _c.F(Texts.HelpMid, id != null ? id.MerchantId : "-");
            _lines[n++] = _c.F(Texts.HelpTid, id != null ? id.TerminalId : "-");
            _lines[n++] = _c.F(Texts.HelpVersion, TerminalApp.FirmwareVersion);
            int batch = _c.Live.LastSignInBatch;
            if (batch > 0)
            {
                System.DateTime t = _c.Live.LastSignIn;
                _lines[n++] = _c.F(Texts.HelpSignedIn, DigitText.Fixed(t.Year, 4) + "/" + DigitText.Fixed(t.Month, 2) + "/" + DigitText.Fixed(t.Day, 2)
                    + " " + DigitText.Fixed(t.Hour, 2) + ":" + DigitText.Fixed(t.Minute, 2));
                _lines[n++] = _c.F(Texts.HelpSignInBatch, DigitText.Fixed(batch, 6));
            }
            else
            {
                _lines[n++] = _c.T(Texts.HelpNotSignedIn);
            }

            return n;
        }

        /// <summary>Prints the lines on <paramref name="printer"/> (the merchant's name in bold).</summary>
        public void Print(IPrinter printer)
        {
            int n = Fill();
            for (int i = 0; i < n; i++)
            {
                printer.PrintLine(_lines[i], _lines[i] == _c.MerchantName ? TextStyle.Bold : TextStyle.Normal, TextAlign.Left);
            }
        }

        /// <summary>
        /// The help slip: a title, the identity, and how to report a problem; false when the board has no printer.
        /// Not a receipt: nothing is journaled, and it prints again each time it is asked for.
        /// </summary>
        public bool PrintHelpSlip()
        {
            IPrinter? printer = _c.Devices.Printer;
            if (printer == null)
            {
                return false;
            }

            string rule = new string('-', printer.Columns);
            printer.PrintLine(_c.T(Texts.HelpSlipTitle), TextStyle.Bold, TextAlign.Center);
            printer.PrintLine(rule, TextStyle.Normal, TextAlign.Left);
            Print(printer);
            printer.PrintLine(rule, TextStyle.Normal, TextAlign.Left);
            printer.PrintLine(_c.T(Texts.HelpReport1), TextStyle.Normal, TextAlign.Left);
            printer.PrintLine(_c.T(Texts.HelpReport2), TextStyle.Normal, TextAlign.Left);
            printer.PrintLine(_c.T(Texts.HelpReport3), TextStyle.Normal, TextAlign.Left);
            printer.PrintLine(_c.T(Texts.HelpReport4), TextStyle.Normal, TextAlign.Left);
            printer.Feed(ReceiptPrinter.FeedBeforeCut);
            printer.Cut();
            return true;
        }
    }
}
