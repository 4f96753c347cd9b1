using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Security;
using Terminal.Core.Util;
using Terminal.Drivers.Simulated.Random;
using Terminal.Firmware;
using Terminal.Hal;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// keystore: the two sectors of a <see cref="FlashKeyStore"/> holding what a working terminal holds (TMK, PIK,
/// MAK, DUKPT registers, update key, both passwords), damaged, into the store, then what the firmware does with
/// each key: the password guards, the PIN ciphers (PIK and DUKPT), the MAK loaded into the host session and
/// used to sign, and the TMK opening a sign-in answer's keys. Half the images have their CRC made right again.
/// The seeds come clear (image version 1) and wrapped under a device key (version 2, as the ESP32 board writes
/// them); every input is opened both by a clear store and by a store wrapping under that key.
/// Invariant: no Load reports more bytes than the caller's buffer holds.
/// </summary>
internal sealed class KeyStoreTarget : FuzzTarget
{
    private const int SectorSize = 4096;
    private const int Header = 10;
    private static readonly byte[] Tmk = Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923");
    private static readonly Lazy<List<byte[]>> Images = new(Build);
    private static readonly byte[] DeviceMac = Convert.FromHexString("246F28A1B2C3");

    // The device key the ESP32 board derives from its MAC: the same for every input, so derived once.
    private static readonly byte[] WrapKey = FlashKeyStore.DeriveWrapKey(new Terminal.Drivers.Simulated.Crypto.HostCrypto(), DeviceMac, 0, DeviceMac.Length);

    public override string Name => "keystore";

    public override string Feeds => "a FlashKeyStore image (TMK, PIK, MAK, DUKPT registers, update key, passwords), damaged: every slot loaded, password guards, PIK and DUKPT PIN ciphers, MAK signing, TMK opening sign-in keys";

    public override IReadOnlyList<byte[]> Seeds => Images.Value;

    public override int MaxInput => 2 * SectorSize;

    public override IReadOnlyList<int> LengthFields(int seed)
    {
        byte[] image = Images.Value[seed];
        var fields = new List<int>();
        for (int s = 0; s < 2; s++)
        {
            int b = s * SectorSize;
            if (image[b] != (byte)'K')
            {
                continue;
            }

            fields.Add(b + 8);
            fields.Add(b + 9);
            if (image[b + 2] != 1)
            {
                continue; // wrapped slots: their headers are not readable without the key
            }

            int end = b + Header + BigEndian.Get16(image, b + 8);
            for (int at = b + Header; at + 3 <= end; at += 3 + BigEndian.Get16(image, at + 1))
            {
                fields.Add(at);
                fields.Add(at + 1);
                fields.Add(at + 2);
            }
        }

        return fields;
    }

    // The image made consistent again as an attacker with the flash would make it: the slot headers walked
    // with whatever lengths they now claim, the image's length set to where that walk ends, the CRC redone.
    public override int Seal(byte[] input, int length)
    {
        for (int s = 0; s < 2; s++)
        {
            int b = s * SectorSize;
            int end = Math.Min(length, b + SectorSize) - 4;
            if (b + Header > end || input[b] != (byte)'K')
            {
                continue;
            }

            if (input[b + 2] != 1)
            {
                // A wrapped image: the attacker cannot walk the slots, only make the CRC agree with the length given.
                int m = Math.Min(BigEndian.Get16(input, b + 8), end - b - Header);
                if (m >= 0)
                {
                    BigEndian.Put32(input, b + Header + m, Crc32.Compute(input, b, Header + m));
                }

                continue;
            }

            int at = b + Header;
            while (at + 3 <= end && input[at] <= 15 && BigEndian.Get16(input, at + 1) > 0 && at + 3 + BigEndian.Get16(input, at + 1) <= end)
            {
                at += 3 + BigEndian.Get16(input, at + 1);
            }

            int n = at - b - Header;
            BigEndian.Put16(input, b + 8, n);
            BigEndian.Put32(input, b + Header + n, Crc32.Compute(input, b, Header + n));
        }

        return length;
    }

    public override void Feed(byte[] input, int length)
    {
        var flash = new ImageFlash(input, length, 2, SectorSize);
        var clearStore = new FlashKeyStore(flash, 0);
        FlashKeyStore wrapping = Wrapping(flash);
        LoadEvery(clearStore);
        LoadEvery(wrapping);

        // The rest runs on the store that found keys: the wrapping one for a wrapped image (or a clear one it migrates).
        FlashKeyStore keys = wrapping.Used > 0 ? wrapping : clearStore;

        // What the firmware does with each key, as the composition root wires it.
        var host = new FuzzHost();
        var random = new SeededRandom(1);
        PasswordGuard.Stored(host.Crypto, host.Clock, random, keys, KeySlot.ManagerPassword, FactoryDefaults.Digits(FactoryDefaults.ManagerPassword));
        PasswordGuard.Stored(host.Crypto, host.Clock, random, keys, KeySlot.TechnicianPassword, FactoryDefaults.Digits(FactoryDefaults.TechnicianPassword));

        byte[] clear = Convert.FromHexString("041274EDCBA9876F");
        byte[] block = new byte[8];
        byte[] ksn = new byte[10];
        var pik = new PikCipher(keys, host.Crypto);
        if (pik.HasKey)
        {
            pik.Encrypt(clear, 0, block, 0, ksn, 0);
        }

        var dukpt = new DukptCipher(keys, host.Crypto);
        if (dukpt.HasKey)
        {
            dukpt.Encrypt(clear, 0, block, 0, ksn, 0);
        }

        // The MAK as the engine loads it at boot, then an echo signed with it.
        var identity = new TerminalIdentity("12345678", "898310048990001");
        var journal = new Terminal.Core.Journal.Journal(new Terminal.Core.Training.RamFlash(SectorSize, 2, 256), 0, 2, 1024);
        journal.Mount();
        var engine = new PaymentEngine(host.Session, new Terminal.Core.Payments.PaymentStore(journal), keys, host.Crypto, host.Clock);
        engine.LoadMak();
        if (engine.SignedIn)
        {
            host.Session.NewNetworkRequest(820, identity, 301);
            host.Session.Send(NoHandler.Instance, 1000, true);
            host.Session.Abandon();
        }

        // The TMK opening a sign-in answer: PIK and MAK (16 bytes each, encrypted) with their check values.
        new SignInFlow(host.Session, keys, host.Crypto, host.Clock, identity).Start(NoHandler.Instance);
        host.Answer(810, answer => answer.Set(Field.PrivateData, SignInKeys(), 0, 40), null);
        host.Session.Abandon();
    }

    private static void LoadEvery(FlashKeyStore keys)
    {
        foreach (int capacity in new[] { 8, 16, 24, 64, DukptRegisters.StateLength, FlashKeyStore.MaxImage })
        {
            for (int slot = 0; slot < 16; slot++)
            {
                byte[] buffer = new byte[capacity];
                int n = keys.Load(slot, buffer, 0);
                Check(n <= capacity, $"slot {slot} loaded {n} bytes into a buffer of {capacity}");
            }
        }
    }

    // The store the ESP32 board opens: slots wrapped under a key derived from the chip's MAC.
    private static FlashKeyStore Wrapping(IBlockStorage flash)
    {
        return new FlashKeyStore(flash, 0, new Terminal.Drivers.Simulated.Crypto.HostCrypto(), WrapKey);
    }

    // A sign-in F62 under the seed TMK: PIK, check value, MAK, check value.
    private static byte[] SignInKeys()
    {
        var crypto = new Terminal.Drivers.Simulated.Crypto.HostCrypto();
        byte[] f62 = new byte[40];
        byte[] key = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        for (int part = 0; part < 2; part++)
        {
            int at = part * 20;
            for (int b = 0; b < 16; b += 8)
            {
                crypto.DesBlock(true, Tmk, 0, 16, key, b, f62, at + b);
            }

            var check = new byte[8];
            crypto.DesBlock(true, key, 0, 16, new byte[8], 0, check, 0);
            Array.Copy(check, 0, f62, at + 16, 4);
        }

        return f62;
    }

    // The keys a signed-in terminal with DUKPT and software update holds, written as the firmware writes them.
    private static List<byte[]> Build()
    {
        var clear = new ImageFlash([], 0, 2, SectorSize);
        var wrapped = new ImageFlash([], 0, 2, SectorSize);
        return [.. Build(clear, new FlashKeyStore(clear, 0)), .. Build(wrapped, Wrapping(wrapped))];
    }

    private static List<byte[]> Build(ImageFlash flash, FlashKeyStore keys)
    {
        var crypto = new Terminal.Drivers.Simulated.Crypto.HostCrypto();
        var clock = new Terminal.Drivers.Simulated.Clock.VirtualClock(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));
        var random = new SeededRandom(2);
        keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
        PasswordGuard.Stored(crypto, clock, random, keys, KeySlot.ManagerPassword, FactoryDefaults.Digits(FactoryDefaults.ManagerPassword));
        PasswordGuard.Stored(crypto, clock, random, keys, KeySlot.TechnicianPassword, FactoryDefaults.Digits(FactoryDefaults.TechnicianPassword));
        byte[] update = new byte[64];
        random.NextBytes(update, 0, update.Length);
        keys.Store(KeySlot.UpdateSigningKey, update, 0, update.Length);
        new DukptCipher(keys, crypto).Inject(Convert.FromHexString("6AC292FAA1315B4D858AB3A3D7D5933A"), 0, Convert.FromHexString("FFFF9876543210E00000"), 0);
        byte[] pik = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        keys.Store(KeySlot.Pik, pik, 0, 16);
        byte[] before = flash.Image();
        keys.Store(KeySlot.Mak, pik, 0, 8);
        return [before, flash.Image()];
    }

    private sealed class NoHandler : IHostExchangeHandler, ISignInObserver
    {
        public static readonly NoHandler Instance = new();

        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
        }

        public void OnSignInDone(bool success, string message)
        {
        }
    }
}
