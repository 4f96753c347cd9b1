using System;

namespace nanoFramework.Networking
{
    /// <summary>Joins a Wi-Fi network and waits for an address on a thread of its own.</summary>
    public static class WifiNetworkHelper
    {
        /// <summary>Starts joining the network stored on the device; returns at once.</summary>
        public static void SetupNetworkHelper(bool requiresDateTime = false) => throw new NotImplementedException();
    }
}
