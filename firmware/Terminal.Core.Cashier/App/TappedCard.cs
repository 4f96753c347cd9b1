using Terminal.Core.Emv;
using Terminal.Core.Payments;

namespace Terminal.Core.App
{
    /// <summary>
    /// Moves a contactless read into the card buffers of one request: the PAN and field 55 into
    /// <see cref="CardData"/>, the masked PAN and the expiry out. The read is wiped on every exit, and the card
    /// buffers too unless the card was taken, a thrown exit included.
    /// </summary>
    public static class TappedCard
    {
        /// <summary>
        /// Takes a successful <paramref name="read"/> into <paramref name="data"/>; true with the masked PAN and
        /// the expiry (YYMM, 0 when unknown), false (everything wiped) when the card gave no usable PAN.
        /// </summary>
        public static bool Take(EmvReadResult read, CardData data, out string masked, out int expiry)
        {
            masked = string.Empty;
            expiry = 0;
            bool taken = false;
            try
            {
                data.Wipe();
                if (!read.Succeeded)
                {
                    return false;
                }

                int pan = read.CopyPan(data.Pan, 0);
                data.PanLength = pan > 0 ? pan : 0;
                int icc = read.BuildField55(data.Icc, 0, data.Icc.Length);
                data.IccLength = icc > 0 ? icc : 0;
                masked = read.MaskedPan();
                int yymm = read.ExpiryYymm;
                expiry = yymm > 0 ? yymm : 0;
                taken = masked.Length > 0 && data.PanLength > 0;
                return taken;
            }
            finally
            {
                read.Wipe();
                if (!taken)
                {
                    data.Wipe();
                    masked = string.Empty;
                }
            }
        }
    }
}
