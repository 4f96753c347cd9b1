using System.Security.Cryptography;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Update;

/// <summary>A firmware region on simulated flash, a trusted update key, and signed images to install.</summary>
internal sealed class UpdateFixture : IDisposable
{
    public const int SlotSectors = 4;
    public const int ChunkSize = 256;

    public UpdateFixture()
    {
        Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Keys.Store(KeySlot.UpdateSigningKey, PublicKey(Key), 0, FirmwareImage.PublicKeyLength);
        Flash = new SimulatedFlash(UpdateSlots.SectorsNeeded(SlotSectors), 4096, 256);
    }

    public ECDsa Key { get; }

    public MemoryKeyStore Keys { get; } = new();

    public SimulatedFlash Flash { get; }

    public HostCrypto Crypto { get; } = new();

    public static byte[] PublicKey(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return [.. q.X!, .. q.Y!];
    }

    public static byte[] Payload(int length, int seed)
    {
        var payload = new byte[length];
        new Random(seed).NextBytes(payload);
        return payload;
    }

    public static byte[] Sign(byte[] payload, int version, ECDsa key)
    {
        var image = new byte[FirmwareImage.TotalLength(payload.Length)];
        FirmwareImage.WriteHeader(image, 0, version, payload.Length);
        payload.CopyTo(image, FirmwareImage.HeaderLength);
        byte[] digest = SHA256.HashData(image.AsSpan(0, FirmwareImage.HeaderLength + payload.Length));
        key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).CopyTo(image, FirmwareImage.HeaderLength + payload.Length);
        return image;
    }

    public byte[] Image(int version, int payloadLength = 3000) => Sign(Payload(payloadLength, version), version, Key);

    public static byte[] Digest(byte[] image) => SHA256.HashData(image.AsSpan(0, image.Length - FirmwareImage.SignatureLength));

    /// <summary>The parts a freshly powered firmware builds over the flash.</summary>
    public (UpdateSlots Slots, BootControl Control, BootManager Manager, UpdateInstaller Installer) PowerUp()
    {
        var slots = new UpdateSlots(Flash, 0, SlotSectors);
        var control = new BootControl(slots);
        return (slots, control, new BootManager(slots, control, Crypto, Keys), new UpdateInstaller(slots, control, Crypto, Keys));
    }

    /// <summary>The factory programmer: <paramref name="image"/> into slot A, then the first boot.</summary>
    public BootDecision Factory(byte[] image)
    {
        var (slots, _, manager, _) = PowerUp();
        slots.EraseSlot(0);
        slots.Write(0, 0, image, 0, image.Length);
        return manager.Boot();
    }

    /// <summary>Downloads <paramref name="image"/> (from where an earlier attempt stopped) and installs it.</summary>
    public static ImageCheck Install(UpdateInstaller installer, BootDecision running, byte[] image, int stopAfter = int.MaxValue)
    {
        FirmwareImage.ReadHeader(image, 0, out int version, out _);
        int offset = installer.Begin(running.Slot, version, image.Length, Digest(image), 0, ChunkSize);
        Assert.True(offset >= 0, installer.Problem);
        while (!installer.Complete)
        {
            if (offset >= stopAfter)
            {
                return ImageCheck.Truncated;
            }

            int n = Math.Min(ChunkSize, image.Length - offset);
            Assert.True(installer.WriteChunk(offset, image, offset, n), installer.Problem);
            offset += n;
        }

        return installer.Finish(running.Version);
    }

    public void Dispose() => Key.Dispose();
}
