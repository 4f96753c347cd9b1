namespace Terminal.Core.Security
{
    /// <summary>The only form a card number may take on a screen, receipt, log or journal: first 6 and last 4 digits.</summary>
    public static class PanMask
    {
        /// <summary>Masks ASCII digits (the PAN part of a track, up to '=' or 'D'); empty when too short to be a PAN.</summary>
        public static string Mask(byte[] digits, int offset, int count)
        {
            int n = 0;
            while (n < count && digits[offset + n] >= (byte)'0' && digits[offset + n] <= (byte)'9')
            {
                n++;
            }

            if (n < 12 || n > 19)
            {
                return string.Empty;
            }

            char[] masked = new char[n];
            for (int i = 0; i < n; i++)
            {
                masked[i] = i < 6 || i >= n - 4 ? (char)digits[offset + i] : '*';
            }

            return new string(masked);
        }
    }
}
