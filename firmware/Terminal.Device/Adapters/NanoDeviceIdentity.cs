using System;
using System.Net.NetworkInformation;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// What makes this chip this chip, as far as nanoFramework lets managed code see: the MAC address of its first
    /// network interface, which the ESP32 derives from the base MAC burned into its eFuses. It is unique, not on the
    /// flash chip's key sectors, and not secret (docs/keys-and-pin.md, "Key stores").
    /// </summary>
    public static class NanoDeviceIdentity
    {
        /// <summary>The first interface's 6-byte MAC address; throws when the device reports none.</summary>
        public static byte[] BaseMac()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                byte[] mac = interfaces[i].PhysicalAddress;
                if (mac != null && mac.Length == 6)
                {
                    return mac;
                }
            }

            throw new InvalidOperationException("no network interface reports a MAC address: the key store cannot be bound to this chip");
        }
    }
}
