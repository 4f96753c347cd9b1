namespace Terminal.Core.Host
{
    /// <summary>Keeps STANs reserved on flash ahead of use, so none is reused after a reboot.</summary>
    public interface IStanReserver
    {
        /// <summary>Makes sure the next STANs are covered by a journaled reservation; false when it cannot.</summary>
        bool ReserveStans();
    }

    /// <summary>Who the terminal is to its host, and the counters every message carries.</summary>
    public sealed class TerminalIdentity
    {
        private int _stan;

        /// <summary>Creates the identity; TID is 8 characters, MID 15.</summary>
        public TerminalIdentity(string terminalId, string merchantId)
        {
            if (terminalId == null || terminalId.Length != 8)
            {
                throw new System.ArgumentException("terminal ID must be 8 characters", nameof(terminalId));
            }

            if (merchantId == null || merchantId.Length != 15)
            {
                throw new System.ArgumentException("merchant ID must be 15 characters", nameof(merchantId));
            }

            TerminalId = terminalId;
            MerchantId = merchantId;
            Batch = 1;
        }

        /// <summary>Terminal ID (F41).</summary>
        public string TerminalId { get; }

        /// <summary>Merchant ID (F42).</summary>
        public string MerchantId { get; }

        /// <summary>Current batch number (F60.2), set by the host at sign-in and advanced by settlement.</summary>
        public int Batch { get; set; }

        /// <summary>The last STAN used.</summary>
        public int LastStan
        {
            get => _stan;
            set => _stan = value % 1000000;
        }

        /// <summary>Asked before every STAN is handed out (the payment store): every user of STANs is covered.</summary>
        public IStanReserver? Reserver { get; set; }

        /// <summary>The next system trace audit number (F11): 1..999999, wrapping.</summary>
        public int NextStan()
        {
            if (Reserver != null)
            {
                Reserver.ReserveStans();
            }

            _stan = _stan >= 999999 ? 1 : _stan + 1;
            return _stan;
        }
    }
}
