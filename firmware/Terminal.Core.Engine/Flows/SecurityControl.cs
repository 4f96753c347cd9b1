namespace Terminal.Core.Flows
{
    /// <summary>
    /// F53 (security control information, n16) of a request carrying a PIN block or encrypted track data: 53.1 PIN
    /// block format (2 = ISO 9564 format 0, with the PAN), 53.2 algorithm (6 = double-length TDES), 53.3 track data
    /// encryption (1 = F35/F36 encrypted under the TDK), then reserved digits, of which this project uses 53.4 = 1 for a
    /// PIN block under a DUKPT key (the KSN in F62). Constants, so choosing one allocates nothing.
    /// </summary>
    public static class SecurityControl
    {
        /// <summary>PIN under the PIK, track in clear (or no track).</summary>
        public const string PinPik = "2600000000000000";

        /// <summary>PIN under a DUKPT key, track in clear (or no track).</summary>
        public const string PinDukpt = "2601000000000000";

        /// <summary>Track encrypted under the TDK; PIN, if any, under the PIK.</summary>
        public const string TrackPik = "2610000000000000";

        /// <summary>Track encrypted under the TDK; PIN under a DUKPT key.</summary>
        public const string TrackDukpt = "2611000000000000";

        /// <summary>The F53 digits for a request whose PIN is (or is not) under DUKPT and whose track is (or is not) encrypted.</summary>
        public static string For(bool dukpt, bool trackEncrypted) =>
            trackEncrypted ? (dukpt ? TrackDukpt : TrackPik) : (dukpt ? PinDukpt : PinPik);
    }
}
