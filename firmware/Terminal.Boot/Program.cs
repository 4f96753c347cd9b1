using System.Diagnostics;
using Terminal.Boot.Loader;
using Terminal.Core.Update;
using Terminal.Device.Adapters;
using Terminal.Drivers.Crypto;

namespace Terminal.Boot
{
    /// <summary>
    /// The boot loader: the one application deployed with nanoff at the factory, never updated over the air.
    /// At power-up it runs the boot manager over the firmware region (the A/B slots and the boot-control log
    /// in the three I:\fw-*.bin files of FirmwareRegion), which verifies the chosen image's signature, counts a trial boot or rolls back,
    /// then loads that slot's application bundle and calls its Main. The application confirms a trial image
    /// after its own boot self-check; an image that never confirms is rolled back after
    /// <see cref="BootManager.MaxTrialBoots"/> power-ups.
    /// </summary>
    public static class Program
    {
        /// <summary>Boots the slot the boot manager chooses.</summary>
        public static void Main()
        {
            // The firmware region: the same files, geometry and slot size the application's update installer uses.
            var files = new FirmwareFiles();
            UpdateSlots slots = files.Slots;
            var keys = new TrustedKey(UpdateKeyFile.Read(FirmwareRegion.PublicKeyPath));
            var manager = new BootManager(slots, new BootControl(slots), new SoftwareCrypto(), keys);
            BootDecision decision = manager.Boot();
            Debug.WriteLine("boot: " + decision.Message);

            var loader = new AppLoader(slots);
            System.Reflection.MethodInfo? main = loader.Load(decision);
            files.Dispose(); // the application opens the region itself (update installer, boot confirmation)
            if (main == null)
            {
                // Nothing to run: stay up so a technician can deploy a factory image (nanoff) and read why.
                Debug.WriteLine("boot: cannot start the application: " + loader.Problem);
                System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
                return;
            }

            Debug.WriteLine("boot: starting " + loader.Bundle.EntryType);

            // Calling the loaded Main is reflection by nature, as loading it is (Loader/AppLoader.cs): the portability
            // gate's no-reflection rule (NANO004) is lifted for this one call.
#pragma warning disable NANO004
            main.Invoke(null, null);
#pragma warning restore NANO004
        }
    }
}
