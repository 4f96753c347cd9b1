// The boot loader's whole job is to load assemblies from flash and start one: reflection is the means, so
// the gate's "no reflection in portable code" rule (NANO004) does not apply to this file alone.
#pragma warning disable NANO004

using System.Reflection;
using Terminal.Core.Update;

namespace Terminal.Boot.Loader
{
    /// <summary>
    /// Starts the application in the slot the boot manager chose: reads the slot's bundle directory, loads
    /// each assembly (nanoFramework .pe bytes) with <c>Assembly.Load</c> in the bundle's order, then finds the
    /// entry type and its public static <c>Main()</c>. The image was verified (signature over header and whole
    /// payload) by <see cref="BootManager.Boot"/> just before; the bundle's lengths are checked again anyway.
    /// </summary>
    public sealed class AppLoader
    {
        private readonly UpdateSlots _slots;
        private readonly FirmwareBundle _bundle = new FirmwareBundle();
        private string _problem = string.Empty;

        /// <summary>Loads from <paramref name="slots"/>.</summary>
        public AppLoader(UpdateSlots slots)
        {
            _slots = slots;
        }

        /// <summary>Why <see cref="Load"/> returned null; empty when it did not.</summary>
        public string Problem => _problem;

        /// <summary>The directory of the last bundle read.</summary>
        public FirmwareBundle Bundle => _bundle;

        /// <summary>
        /// Loads the application in <paramref name="decision"/>'s slot and returns its entry method (call it with
        /// <c>Invoke(null, null)</c> once the loader's own files are closed), or null with <see cref="Problem"/>.
        /// </summary>
        public MethodInfo? Load(BootDecision decision)
        {
            if (decision.Slot < 0)
            {
                return Fail(decision.Message);
            }

            int version;
            int payloadLength;
            ImageCheck check = _slots.ReadHeader(decision.Slot, out version, out payloadLength);
            if (check != ImageCheck.Valid)
            {
                return Fail("slot " + BootManager.SlotName(decision.Slot) + ": " + BootManager.Describe(check));
            }

            if (!_bundle.Read(_slots, decision.Slot, payloadLength))
            {
                return Fail("slot " + BootManager.SlotName(decision.Slot) + ": " + _bundle.Problem);
            }

            System.Type? entry = null;
            for (int i = 0; i < _bundle.Count; i++)
            {
                byte[] pe = new byte[_bundle.Length(i)];
                _slots.Read(decision.Slot, _bundle.Offset(i), pe, 0, pe.Length);
                Assembly? assembly = Assembly.Load(pe);
                if (assembly == null)
                {
                    return Fail(_bundle.Name(i) + ": the runtime refused the assembly");
                }

                entry = entry ?? assembly.GetType(_bundle.EntryType);
            }

            if (entry == null)
            {
                return Fail("no type " + _bundle.EntryType + " in the bundle");
            }

            MethodInfo? main = entry.GetMethod("Main", BindingFlags.Public | BindingFlags.Static);
            if (main == null || main.GetParameters().Length != 0)
            {
                return Fail(_bundle.EntryType + " has no public static Main()");
            }

            _problem = string.Empty;
            return main;
        }

        private MethodInfo? Fail(string why)
        {
            _problem = why;
            return null;
        }
    }
}
