using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// The card's fields of a request that reads a card (sale, pre-auth, balance inquiry): F2, F35 (encrypted under the
    /// TDK when sign-in gave one), F14, F55, F23, F52/F53 and the DUKPT KSN in F62, a payment code in F59.
    /// </summary>
    internal static class CardFields
    {
        /// <summary>Adds the fields of <paramref name="card"/> (track data encrypted in place; the caller wipes the buffers once packed).</summary>
        internal static void Add(Iso8583Message m, CardData card, Security.TrackCipher tracks, int expiryYymm, ChipData? chip)
        {
            // Track data goes encrypted in place under the TDK when sign-in gave one (the buffer is wiped once packed).
            bool encrypted = card.Track2Length > 0 && tracks.Encrypt(card.Track2, 0, card.Track2Length);
            if (card.Track2Length > 0)
            {
                m.Set(Field.Track2, card.Track2, 0, card.Track2Length);
            }

            if (card.PanLength > 0)
            {
                m.Set(Field.Pan, card.Pan, 0, card.PanLength);
            }

            if (expiryYymm > 0)
            {
                m.SetNumber(Field.Expiry, expiryYymm, 4);
            }

            if (card.IccLength > 0)
            {
                m.Set(Field.IccData, card.Icc, 0, card.IccLength);
            }

            if (chip != null && chip.PanSequence >= 0)
            {
                m.SetNumber(Field.CardSequence, chip.PanSequence, 3);
            }

            if (card.PinBlockLength == 8 || encrypted)
            {
                // F53: how the PIN block and the track were encrypted.
                m.Set(Field.SecurityControl, SecurityControl.For(card.KsnLength > 0, encrypted));
            }

            if (card.PinBlockLength == 8)
            {
                // F52 the encrypted PIN block, F62 the DUKPT KSN (the host needs it to derive the key).
                m.Set(Field.PinBlock, card.PinBlock, 0, 8);
                if (card.KsnLength > 0)
                {
                    m.Set(Field.PrivateData, card.Ksn, 0, card.KsnLength);
                }
            }

            if (card.CodeLength > 0)
            {
                // F59: usage tag A3, three-digit length, the code (FACTS.md, UnionPay QR sale).
                m.BeginField(Field.UsageData);
                m.AppendText("A3");
                m.AppendDigits(card.CodeLength, 3);
                AppendCode(m, card);
                m.EndField();
            }
        }

        private static void AppendCode(Iso8583Message m, CardData card)
        {
            // Digits only (classified before): append as numbers in chunks of up to 18 digits.
            int at = 0;
            while (at < card.CodeLength)
            {
                int n = card.CodeLength - at > 18 ? 18 : card.CodeLength - at;
                long v = 0;
                for (int i = 0; i < n; i++)
                {
                    v = (v * 10) + (card.Code[at + i] - '0');
                }

                m.AppendDigits(v, n);
                at += n;
            }
        }
    }
}
