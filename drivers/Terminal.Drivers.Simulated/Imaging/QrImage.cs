using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Terminal.Drivers.Simulated.Imaging;

/// <summary>QR codes in images: decoding a PNG/JPEG with ZXing.Net (as a scanner's imager would) and drawing one with QRCoder.</summary>
public static class QrImage
{
    /// <summary>Decodes the first QR code in an encoded image; null when there is none, or the bytes are no image.</summary>
    public static string? Decode(byte[] encodedImage)
    {
        if (encodedImage.Length == 0)
        {
            return null;
        }

        // SKBitmap.Decode(bytes) throws ArgumentNullException when no codec recognizes the bytes: ask for the codec first.
        using var data = SKData.CreateCopy(encodedImage);
        using SKCodec? codec = SKCodec.Create(data);
        if (codec == null)
        {
            return null;
        }

        using SKBitmap? decoded = SKBitmap.Decode(codec);
        if (decoded == null)
        {
            return null;
        }

        using SKBitmap gray = decoded.Copy(SKColorType.Gray8) ?? throw new InvalidOperationException("cannot convert the image to gray");
        byte[] pixels = new byte[gray.Width * gray.Height];
        for (int y = 0; y < gray.Height; y++)
        {
            for (int x = 0; x < gray.Width; x++)
            {
                pixels[(y * gray.Width) + x] = gray.GetPixel(x, y).Red;
            }
        }

        return DecodeGray(pixels, gray.Width, gray.Height);
    }

    /// <summary>Decodes the first QR code in an 8-bit gray image (0 black, 255 white); null when there is none.</summary>
    public static string? DecodeGray(byte[] pixels, int width, int height)
    {
        var source = new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var reader = new QRCodeReader();
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        try
        {
            return reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
        }
        catch (ReaderException)
        {
            return null;
        }
    }

    /// <summary>Draws <paramref name="text"/> as a QR code PNG with <paramref name="pixelsPerModule"/> pixels per module.</summary>
    public static byte[] Encode(string text, int pixelsPerModule = 4)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using QRCoder.QRCodeData data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        using var png = new QRCoder.PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }
}
