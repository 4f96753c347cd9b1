namespace Terminal.Core.Emv
{
    /// <summary>
    /// Cardholder verification (EMV Book 3, 10.5) over the CVM list (8E) with its X and Y amounts and conditions,
    /// as far as this terminal performs CVMs: online PIN, signature and no CVM; offline PIN is not supported.
    /// </summary>
    public sealed partial class ContactEmvKernel
    {
        // CVM codes (Book 3, annex C3), bits 6-1 of the rule's first byte.
        private const int CvmFail = 0x00;
        private const int CvmPlaintextPin = 0x01;
        private const int CvmOnlinePin = 0x02;
        private const int CvmPlaintextPinAndSignature = 0x03;
        private const int CvmEncipheredPin = 0x04;
        private const int CvmEncipheredPinAndSignature = 0x05;
        private const int CvmSignature = 0x1E;
        private const int CvmNoCvm = 0x1F;

        // CVM results byte 3 (Book 4, annex A4).
        private const int CvmResultUnknown = 0x00;
        private const int CvmResultFailed = 0x01;
        private const int CvmResultSuccessful = 0x02;

        private void VerifyCardholder(EmvTerminalData terminal)
        {
            EmvDataStore store = _card.Data;
            byte[] b = store.Buffer;
            int aipLength = store.Find(EmvTag.Aip, out int aipOffset);
            if (aipLength != 2 || (b[aipOffset] & 0x10) == 0)
            {
                return; // the card does not support cardholder verification: 9F34 stays 3F0000
            }

            int listLength = store.Find(EmvTag.CvmList, out int listOffset);
            if (listLength < 10 || (listLength % 2) != 0)
            {
                // No (usable) CVM list: verification ends without being performed.
                _tvr[0] |= 0x20; // ICC data missing
                return;
            }

            _tsi[0] |= 0x40; // cardholder verification was performed
            long x = U32(b, listOffset);
            long y = U32(b, listOffset + 4);
            bool satisfied = false;
            int end = listOffset + listLength;
            for (int r = listOffset + 8; r + 1 < end; r += 2)
            {
                int rule = b[r];
                int condition = b[r + 1];
                int code = rule & 0x3F;
                if (!ConditionMet(condition, code, terminal, x, y))
                {
                    continue;
                }

                satisfied = true;
                _cvmResults[0] = (byte)rule;
                _cvmResults[1] = (byte)condition;
                CardholderVerification method = Perform(code, terminal);
                if (method != CardholderVerification.Failed)
                {
                    _cvmResults[2] = method == CardholderVerification.NoCvmRequired ? (byte)CvmResultSuccessful : (byte)CvmResultUnknown;
                    _result.SetCvm(method);
                    return;
                }

                if ((rule & 0x40) == 0)
                {
                    break; // the rule does not let the next one apply when it fails
                }
            }

            _tvr[2] |= 0x80; // cardholder verification was not successful
            if (satisfied)
            {
                _cvmResults[2] = CvmResultFailed;
            }
            else
            {
                _cvmResults[0] = 0x3F;
                _cvmResults[1] = 0x00;
                _cvmResults[2] = CvmResultFailed;
            }

            _result.SetCvm(CardholderVerification.Failed);
        }

        // Performs one CVM as far as this terminal can: the method, or Failed.
        private CardholderVerification Perform(int code, EmvTerminalData terminal)
        {
            switch (code)
            {
                case CvmOnlinePin:
                    if (!Supports(code, terminal))
                    {
                        return CardholderVerification.Failed;
                    }

                    // The cashier takes the PIN before the request leaves, so it counts as entered (docs/emv-contact.md).
                    _tvr[2] |= 0x04; // online PIN entered
                    return CardholderVerification.OnlinePin;
                case CvmSignature:
                    return Supports(code, terminal) ? CardholderVerification.Signature : CardholderVerification.Failed;
                case CvmNoCvm:
                    return Supports(code, terminal) ? CardholderVerification.NoCvmRequired : CardholderVerification.Failed;
                case CvmFail:
                case CvmPlaintextPin:
                case CvmPlaintextPinAndSignature:
                case CvmEncipheredPin:
                case CvmEncipheredPinAndSignature:
                    return CardholderVerification.Failed; // no offline PIN on this terminal
                default:
                    _tvr[2] |= 0x40; // unrecognised CVM
                    return CardholderVerification.Failed;
            }
        }

        // Whether terminal capabilities (9F33) byte 2 offer the CVM: b7 online PIN, b6 signature, b4 no CVM required.
        private static bool Supports(int code, EmvTerminalData terminal)
        {
            byte[] caps = terminal.TerminalCapabilities;
            int cvm = caps.Length >= 2 ? caps[1] : 0;
            switch (code)
            {
                case CvmOnlinePin: return (cvm & 0x40) != 0;
                case CvmSignature: return (cvm & 0x20) != 0;
                case CvmNoCvm: return (cvm & 0x08) != 0;
                default: return false;
            }
        }

        // CVM condition codes (Book 3, annex C3) for an attended sale without cash or cashback.
        private bool ConditionMet(int condition, int code, EmvTerminalData terminal, long x, long y)
        {
            switch (condition)
            {
                case 0x00: // always
                case 0x02: // not unattended cash, not manual cash, not purchase with cashback
                    return true;
                case 0x03: // if the terminal supports the CVM
                    return Supports(code, terminal);
                case 0x06: // in the application currency and under X
                    return InApplicationCurrency(terminal) && terminal.Amount < x;
                case 0x07: // in the application currency and over X
                    return InApplicationCurrency(terminal) && terminal.Amount > x;
                case 0x08: // in the application currency and under Y
                    return InApplicationCurrency(terminal) && terminal.Amount < y;
                case 0x09: // in the application currency and over Y
                    return InApplicationCurrency(terminal) && terminal.Amount > y;
                default: // 01 unattended cash, 04 manual cash, 05 cashback, and reserved values: never this transaction
                    return false;
            }
        }

        // X and Y are in the application currency (9F42); without it, or in another currency, their conditions are not met.
        private bool InApplicationCurrency(EmvTerminalData terminal)
        {
            int length = _card.Data.Find(EmvTag.ApplicationCurrency, out int offset);
            return length == 2 && Bcd(_card.Data.Buffer, offset, 2) == terminal.CurrencyCode;
        }

        private static long U32(byte[] b, int offset) =>
            ((long)b[offset] << 24) | ((long)b[offset + 1] << 16) | ((long)b[offset + 2] << 8) | b[offset + 3];
    }
}
