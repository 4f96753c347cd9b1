using System.Security.Cryptography;
using Terminal.Core.Update;
using Terminal.Core.Util;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>The fuzz run's own update-signing key (a test key, never a vendor's), so that a run replays in any process.</summary>
internal static class FuzzSigningKey
{
    private const string Pem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7vx+cQQiu2JkKFnp
        q5pQ6DeghTUoYxsk2nQILKVn3Z+hRANCAATvBGeWtVj0u95wNe/bV8KM5EfBc0W5
        nWMwzRWXk/lVmjVIdMyHfyq5Yc34q2T7fdtoMqOpT8iPlWrSGpytczOj
        -----END PRIVATE KEY-----
        """;

    private static readonly Lazy<ECDsa> Key = new(() => ImageSigner.LoadPrivateKey(Pem));

    public static ECDsa Private => Key.Value;

    public static byte[] Public { get; } = ImageSigner.PublicKey(Key.Value);

    /// <summary>A slot layout small enough to build per input: 4 sectors of 4 KiB per slot.</summary>
    public const int SlotSectors = 4;

    public static int RegionSectors => UpdateSlots.SectorsNeeded(SlotSectors);
}

/// <summary>
/// update-image: a signed firmware image offered by the host (version, length and the SHA-256 of what it
/// sends, as a hostile host would announce), downloaded chunk by chunk into the inactive slot through
/// <see cref="UpdateInstaller"/>, checked by Finish, then chosen (or not) by the boot manager at the next
/// power-up and its bundle read as the boot loader reads it. Invariant: an image is accepted only when its
/// signature verifies under the update key.
/// </summary>
internal sealed class UpdateImageTarget : FuzzTarget
{
    private const int ChunkSize = 512;
    private static readonly Lazy<(List<byte[]> Images, byte[] Factory)> Made = new(Make);

    public override string Name => "update-image";

    public override string Feeds => "signed firmware images (simulated payloads and an application bundle) offered and downloaded in chunks: UpdateInstaller Begin/WriteChunk/Finish, BootManager.Boot, FirmwareBundle.Read";

    public override IReadOnlyList<byte[]> Seeds => Made.Value.Images;

    public override int MaxInput => 8192;

    public override IReadOnlyList<int> LengthFields(int seed) => [8, 9, 10, 11, 12, 13, 14, 15];

    public override void Feed(byte[] input, int length)
    {
        var flash = new ImageFlash(Made.Value.Factory, Made.Value.Factory.Length, FuzzSigningKey.RegionSectors);
        var slots = new UpdateSlots(flash, 0, FuzzSigningKey.SlotSectors);
        var control = new BootControl(slots);
        Check(control.Load(), "the factory region has no boot record");
        var keys = new MemoryKeyStore();
        keys.Store(KeySlot.UpdateSigningKey, FuzzSigningKey.Public, 0, FirmwareImage.PublicKeyLength);
        var crypto = new HostCrypto();
        var installer = new UpdateInstaller(slots, control, crypto, keys);

        // The host's offer: the version the header claims (when it has one) and the digest of what it sends.
        int version = length >= FirmwareImage.HeaderLength ? (int)(BigEndian.Get32(input, 8) % 1_000_000) : 10001;
        byte[] digest = SHA256.HashData(input.AsSpan(0, Math.Max(0, length - FirmwareImage.SignatureLength)));
        int from = installer.Begin(0, version, length, digest, 0, ChunkSize);
        if (from < 0)
        {
            return;
        }

        for (int offset = from; offset < length; offset += ChunkSize)
        {
            int n = Math.Min(ChunkSize, length - offset);
            Check(installer.WriteChunk(offset, input, offset, n), "the installer refused the chunk it asked for: " + installer.Problem);
        }

        FirmwareImage.Verify(input, 0, length, FuzzSigningKey.Public, crypto, out _);
        ImageCheck check = installer.Finish(10000);
        if (check != ImageCheck.Valid)
        {
            return;
        }

        Check(SignatureHolds(input, length), "an image whose signature does not verify was accepted");
        BootDecision decision = new BootManager(slots, control, crypto, keys).Boot();
        Check(decision.Slot == 1 && decision.Trial, "an accepted image did not boot on trial: " + decision.Message);
        BundleTarget.LoadAsTheBootLoaderDoes(slots, decision.Slot);
    }

    private static bool SignatureHolds(byte[] image, int length)
    {
        int signed = length - FirmwareImage.SignatureLength;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = FuzzSigningKey.Public[..32], Y = FuzzSigningKey.Public[32..] },
        });
        return signed > 0 && key.VerifyHash(SHA256.HashData(image.AsSpan(0, signed)), image.AsSpan(signed, FirmwareImage.SignatureLength), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static (List<byte[]>, byte[]) Make()
    {
        var images = new List<byte[]>
        {
            ImageSigner.Sign(SimulatedFirmware.Payload("1.0.1", size: 2000), FirmwareImage.ParseVersion("1.0.1"), FuzzSigningKey.Private),
            ImageSigner.Sign(SimulatedFirmware.Payload("1.2.0", size: 5000), FirmwareImage.ParseVersion("1.2.0"), FuzzSigningKey.Private),
            ImageSigner.Sign(BundleTarget.SampleBundle(), FirmwareImage.ParseVersion("2.0.0"), FuzzSigningKey.Private),
        };

        // The factory: 1.0.0 in slot A, booted once (its boot record written), as a terminal leaves the factory.
        var flash = new ImageFlash([], 0, FuzzSigningKey.RegionSectors);
        var slots = new UpdateSlots(flash, 0, FuzzSigningKey.SlotSectors);
        byte[] factory = ImageSigner.Sign(SimulatedFirmware.Payload("1.0.0", size: 2000), 10000, FuzzSigningKey.Private);
        slots.Write(0, 0, factory, 0, factory.Length);
        var keys = new MemoryKeyStore();
        keys.Store(KeySlot.UpdateSigningKey, FuzzSigningKey.Public, 0, FirmwareImage.PublicKeyLength);
        new BootManager(slots, new BootControl(slots), new HostCrypto(), keys).Boot();
        return (images, flash.Image());
    }
}

/// <summary>
/// bundle: an application bundle (TPB1, entry type, assemblies with names and lengths) in a slot whose header
/// gives its payload length (the input's first 4 bytes, so that header lies too), read as the boot loader reads
/// it: the directory, then each assembly's bytes. Invariant: every assembly the directory accepts lies inside
/// the payload.
/// </summary>
internal sealed class BundleTarget : FuzzTarget
{
    private static readonly Lazy<List<byte[]>> Bundles = new(() =>
    [
        [.. Length(SampleBundle()), .. SampleBundle()],
        [.. Length(Single()), .. Single()],
    ]);

    public override string Name => "bundle";

    public override string Feeds => "application bundles (TPB1 directory and assemblies) behind an image header whose payload length is part of the input: FirmwareBundle.Read, then every assembly read from the slot";

    public override IReadOnlyList<byte[]> Seeds => Bundles.Value;

    public override int MaxInput => 8192;

    public override IReadOnlyList<int> LengthFields(int seed)
    {
        byte[] b = Bundles.Value[seed];
        var fields = new List<int> { 0, 1, 2, 3 };
        int p = 4 + FirmwareBundle.Magic.Length;
        fields.Add(p);
        p += 1 + b[p];
        fields.Add(p);
        int count = b[p++];
        for (int i = 0; i < count && p < b.Length; i++)
        {
            fields.Add(p);
            p += 1 + b[p];
            fields.AddRange([p, p + 1, p + 2, p + 3]);
            p += 4 + Codec.Get32(b, p);
        }

        return fields;
    }

    /// <summary>A bundle of two small assemblies, as the signing tool builds one.</summary>
    public static byte[] SampleBundle() => FirmwareBundle.Build("Terminal.Device.Program", ["Terminal.Core.Util", "Terminal.Device"],
        [SimulatedFirmware.Payload("util", size: 300), SimulatedFirmware.Payload("device", size: 700)]);

    /// <summary>Reads the bundle in <paramref name="slot"/> as the boot loader's AppLoader does, without loading the code.</summary>
    public static void LoadAsTheBootLoaderDoes(UpdateSlots slots, int slot)
    {
        if (slots.ReadHeader(slot, out _, out int payloadLength) != ImageCheck.Valid)
        {
            return;
        }

        var bundle = new FirmwareBundle();
        if (!bundle.Read(slots, slot, payloadLength))
        {
            return;
        }

        Check(bundle.EntryType.Length > 0, "a bundle accepted without an entry type");
        for (int i = 0; i < bundle.Count; i++)
        {
            Check(bundle.Offset(i) >= FirmwareImage.HeaderLength && bundle.Length(i) > 0
                && (long)bundle.Offset(i) + bundle.Length(i) <= FirmwareImage.HeaderLength + (long)payloadLength, "assembly " + bundle.Name(i) + " lies outside the payload");
            byte[] pe = new byte[bundle.Length(i)];
            slots.Read(slot, bundle.Offset(i), pe, 0, pe.Length);
        }
    }

    public override void Feed(byte[] input, int length)
    {
        if (length < 4)
        {
            return;
        }

        int declared = Codec.Get32(input, 0);
        var flash = new ImageFlash([], 0, FuzzSigningKey.RegionSectors);
        var slots = new UpdateSlots(flash, 0, FuzzSigningKey.SlotSectors);
        byte[] header = new byte[FirmwareImage.HeaderLength];
        FirmwareImage.WriteHeader(header, 0, 10001, declared);
        slots.Write(0, 0, header, 0, header.Length);
        int payload = Math.Min(length - 4, slots.SlotCapacity - FirmwareImage.HeaderLength);
        slots.Write(0, FirmwareImage.HeaderLength, input, 4, payload);
        LoadAsTheBootLoaderDoes(slots, 0);
    }

    private static byte[] Single() => FirmwareBundle.Build("App.Program", ["App"], [SimulatedFirmware.Payload("app", size: 1200)]);

    private static byte[] Length(byte[] payload) => [(byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length];
}
