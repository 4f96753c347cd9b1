namespace Terminal.Core.Payments
{
    /// <summary>Where a settlement stands.</summary>
    public static class SettleStage
    {
        /// <summary>No settlement in progress.</summary>
        public const int None = 0;
        /// <summary>0500 journaled; no answer yet.</summary>
        public const int Requested = 1;
        /// <summary>The host said unbalanced; batch upload to do.</summary>
        public const int Unbalanced = 2;
        /// <summary>Batch upload in progress.</summary>
        public const int Uploading = 3;
    }
}
