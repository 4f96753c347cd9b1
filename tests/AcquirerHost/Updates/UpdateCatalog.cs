using System.Security.Cryptography;
using Terminal.Core.Flows;
using Terminal.Core.Update;

namespace AcquirerHost.Updates;

/// <summary>
/// The firmware images the host offers (update check 0800/360, chunks 0800/361): the newest published one is
/// offered. The host only distributes: it checks the image's layout, not its signature (that is the terminal's
/// job, against the key it trusts), so tests can publish a tampered or wrongly signed image on purpose.
/// </summary>
public sealed class UpdateCatalog
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, byte[]> _images = [];
    private long _servedBytes;

    /// <summary>Fault: chunks that reach past this many bytes of the image go unanswered (as if the link broke there); null for none.</summary>
    public int? CutOffAt { get; set; }

    /// <summary>Chunk bytes served so far (to see that a download resumed rather than restarted).</summary>
    public long ServedBytes => Interlocked.Read(ref _servedBytes);

    /// <summary>Offers <paramref name="image"/> (a signed image file's bytes); returns its version. Throws when it is not an image.</summary>
    public int Publish(byte[] image)
    {
        if (image.Length < FirmwareImage.HeaderLength
            || FirmwareImage.ReadHeader(image, 0, out int version, out int payloadLength) != ImageCheck.Valid
            || FirmwareImage.TotalLength(payloadLength) != image.Length)
        {
            throw new ArgumentException("not a firmware image (header, or length and header disagree)", nameof(image));
        }

        lock (_gate)
        {
            _images[version] = (byte[])image.Clone();
        }

        return version;
    }

    /// <summary>Publishes every *.img file of <paramref name="folder"/>; returns how many.</summary>
    public int PublishFolder(string folder)
    {
        int count = 0;
        foreach (string file in Directory.GetFiles(folder, "*.img").Order(StringComparer.Ordinal))
        {
            Publish(File.ReadAllBytes(file));
            count++;
        }

        return count;
    }

    /// <summary>Stops offering <paramref name="version"/>.</summary>
    public void Withdraw(int version)
    {
        lock (_gate)
        {
            _images.Remove(version);
        }
    }

    /// <summary>The newest image offered; null when none.</summary>
    public byte[]? Latest
    {
        get
        {
            lock (_gate)
            {
                return _images.Count == 0 ? null : _images.Last().Value;
            }
        }
    }

    /// <summary>The image of <paramref name="version"/>; null when not offered.</summary>
    public byte[]? Find(int version)
    {
        lock (_gate)
        {
            return _images.GetValueOrDefault(version);
        }
    }

    /// <summary>The 40-byte offer of F62: version (4, big-endian), image length (4), SHA-256 of header and payload (32).</summary>
    public static byte[] Offer(byte[] image)
    {
        FirmwareImage.ReadHeader(image, 0, out int version, out int payloadLength);
        var offer = new byte[UpdateFlow.OfferLength];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(offer, version);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(offer.AsSpan(4), image.Length);
        SHA256.HashData(image.AsSpan(0, FirmwareImage.HeaderLength + payloadLength), offer.AsSpan(8));
        return offer;
    }

    internal void CountServed(int bytes) => Interlocked.Add(ref _servedBytes, bytes);
}
