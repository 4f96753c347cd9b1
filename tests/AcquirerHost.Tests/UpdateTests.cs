using System.Globalization;
using System.Security.Cryptography;
using AcquirerHost.Processing;
using AcquirerHost.Tests.Support;
using AcquirerHost.Updates;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Update;

namespace AcquirerHost.Tests;

public sealed class UpdateTests
{
    private static byte[] Image(int version, int payloadLength = 1000)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = new byte[payloadLength];
        new Random(version).NextBytes(payload);
        var image = new byte[FirmwareImage.TotalLength(payloadLength)];
        FirmwareImage.WriteHeader(image, 0, version, payloadLength);
        payload.CopyTo(image, FirmwareImage.HeaderLength);
        byte[] digest = SHA256.HashData(image.AsSpan(0, FirmwareImage.HeaderLength + payloadLength));
        key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).CopyTo(image, FirmwareImage.HeaderLength + payloadLength);
        return image;
    }

    private static byte[] Field62(Iso8583Message response)
    {
        var bytes = new byte[1024];
        int n = response.GetBytes(Field.PrivateData, bytes, 0);
        return n < 0 ? [] : bytes[..n];
    }

    private static Iso8583Message Chunk(TestTerminal terminal, int version, int offset, int length)
    {
        var request = terminal.Request(800, null, null, "00", MessageProcessor.UpdateChunkCode);
        request.Set(Field.OriginalData, version.ToString("D6", CultureInfo.InvariantCulture) + offset.ToString("D8", CultureInfo.InvariantCulture) + length.ToString("D4", CultureInfo.InvariantCulture));
        return terminal.Exchange(request) ?? throw new TimeoutException("no answer to the chunk request");
    }

    [Fact]
    public async Task An_update_check_offers_the_newest_published_image_with_its_length_and_hash()
    {
        await using var host = new HostFixture();
        host.Server.Updates.Publish(Image(10000));
        byte[] newest = Image(10200, 3000);
        host.Server.Updates.Publish(newest);
        using var terminal = host.Connect();
        terminal.SignIn();

        var response = terminal.Exchange(terminal.Request(800, null, null, "00", MessageProcessor.UpdateCheckCode))!;

        Assert.Equal("00", response.GetString(Field.ResponseCode));
        Assert.True(terminal.ResponseMacValid(response));
        byte[] offer = Field62(response);
        Assert.Equal(10200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(offer));
        Assert.Equal(newest.Length, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(offer.AsSpan(4)));
        Assert.Equal(SHA256.HashData(newest.AsSpan(0, newest.Length - FirmwareImage.SignatureLength)), offer[8..]);
    }

    [Fact]
    public async Task An_update_check_with_nothing_published_answers_without_an_offer()
    {
        await using var host = new HostFixture();
        using var terminal = host.Connect();
        terminal.SignIn();

        var response = terminal.Exchange(terminal.Request(800, null, null, "00", MessageProcessor.UpdateCheckCode))!;

        Assert.Equal("00", response.GetString(Field.ResponseCode));
        Assert.False(response.Has(Field.PrivateData));
    }

    [Fact]
    public async Task A_chunk_request_is_answered_with_the_image_bytes_at_its_offset()
    {
        await using var host = new HostFixture();
        byte[] image = Image(10200, 3000);
        host.Server.Updates.Publish(image);
        using var terminal = host.Connect();
        terminal.SignIn();

        var middle = Chunk(terminal, 10200, 512, 400);
        var tail = Chunk(terminal, 10200, image.Length - 10, 400);

        Assert.True(terminal.ResponseMacValid(tail));
        Assert.Equal(image[512..912], Field62(middle));
        Assert.Equal(image[^10..], Field62(tail));
        Assert.Equal(410, host.Server.Updates.ServedBytes);
    }

    [Fact]
    public async Task A_chunk_of_a_version_not_published_is_refused_with_25()
    {
        await using var host = new HostFixture();
        host.Server.Updates.Publish(Image(10200));
        using var terminal = host.Connect();
        terminal.SignIn();

        var response = Chunk(terminal, 10300, 0, 256);

        Assert.Equal("25", response.GetString(Field.ResponseCode));
        Assert.False(response.Has(Field.PrivateData));
    }

    [Fact]
    public async Task An_update_request_without_a_valid_MAC_is_refused()
    {
        await using var host = new HostFixture();
        host.Server.Updates.Publish(Image(10200));
        using var terminal = host.Connect();
        terminal.SignIn();
        byte[] mak = terminal.Mak!;

        var unsigned = terminal.Exchange(terminal.Request(800, null, null, "00", MessageProcessor.UpdateCheckCode), mac: false)!;
        terminal.Mak = [.. mak.Select(b => (byte)(b ^ 0x02))]; // not 0x01: DES ignores the parity bits
        var wrongKey = terminal.Exchange(terminal.Request(800, null, null, "00", MessageProcessor.UpdateCheckCode))!;

        Assert.Equal("A0", unsigned.GetString(Field.ResponseCode));
        Assert.Equal("A0", wrongKey.GetString(Field.ResponseCode));
        Assert.False(wrongKey.Has(Field.PrivateData));
    }

    [Fact]
    public async Task A_chunk_past_the_cut_off_goes_unanswered()
    {
        await using var host = new HostFixture();
        host.Server.Updates.Publish(Image(10200, 3000));
        host.Server.Updates.CutOffAt = 1000;
        using var terminal = host.Connect();
        terminal.SignIn();

        var before = Chunk(terminal, 10200, 512, 256);
        terminal.SendBytes(terminal.Pack(ChunkRequest(terminal, 768, 256)));

        Assert.Equal("00", before.GetString(Field.ResponseCode));
        Assert.Null(terminal.Receive(500));
    }

    [Fact]
    public void The_catalog_refuses_what_is_not_an_image_and_publishes_a_folder_of_images()
    {
        var catalog = new UpdateCatalog();
        byte[] image = Image(10200);
        string folder = Directory.CreateTempSubdirectory("updates").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "a.img"), Image(10100));
            File.WriteAllBytes(Path.Combine(folder, "b.img"), image);
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image");

            Assert.Throws<ArgumentException>(() => catalog.Publish(image[..^1]));
            Assert.Equal(2, catalog.PublishFolder(folder));
            Assert.Equal(image, catalog.Latest);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static Iso8583Message ChunkRequest(TestTerminal terminal, int offset, int length)
    {
        var request = terminal.Request(800, null, null, "00", MessageProcessor.UpdateChunkCode);
        request.Set(Field.OriginalData, "010200" + offset.ToString("D8", CultureInfo.InvariantCulture) + length.ToString("D4", CultureInfo.InvariantCulture));
        return request;
    }
}
