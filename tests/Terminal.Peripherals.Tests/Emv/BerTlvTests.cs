using Terminal.Core.Emv;
using Xunit;

namespace Terminal.Peripherals.Tests.Emv;

public class BerTlvTests
{
    private static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", "", StringComparison.Ordinal));

    [Fact]
    public void A_two_byte_tag_and_a_short_length_are_decoded()
    {
        byte[] data = Hex("9F02 06 000000001234");

        int next = BerTlv.ReadHeader(data, 0, data.Length, out int tag, out int offset, out int length);

        Assert.Equal((0x9F02, 3, 6, 9), (tag, offset, length, next));
    }

    [Fact]
    public void Long_length_forms_81_and_82_are_decoded()
    {
        byte[] one = [0x70, 0x81, 0x80, .. new byte[0x80]];
        byte[] two = [0x70, 0x82, 0x01, 0x00, .. new byte[0x100]];

        BerTlv.ReadHeader(one, 0, one.Length, out _, out int offset1, out int length1);
        BerTlv.ReadHeader(two, 0, two.Length, out _, out int offset2, out int length2);

        Assert.Equal((3, 0x80, 4, 0x100), (offset1, length1, offset2, length2));
    }

    [Theory]
    [InlineData("5A 08 4761", BerTlv.Truncated)]
    [InlineData("9F", BerTlv.Truncated)]
    [InlineData("5A 80 00", BerTlv.BadLength)]
    [InlineData("5A 85 0000000001", BerTlv.BadLength)]
    [InlineData("9F FF FF 01 00", BerTlv.BadTag)]
    public void Malformed_objects_give_an_error_not_an_exception(string hex, int error)
    {
        byte[] data = Hex(hex);

        Assert.Equal(error, BerTlv.ReadHeader(data, 0, data.Length, out _, out _, out _));
    }

    [Fact]
    public void A_template_whose_inner_object_overruns_it_is_not_well_formed()
    {
        byte[] data = Hex("70 04 5A 08 4761");

        Assert.Equal(BerTlv.Truncated, BerTlv.Validate(data, 0, data.Length));
    }

    [Fact]
    public void Zero_padding_between_objects_is_skipped()
    {
        byte[] data = Hex("70 07 00 00 5A 02 4761 00");

        Assert.Equal(0, BerTlv.Validate(data, 0, data.Length));
        Assert.Equal(2, BerTlv.Find(data, 0, data.Length, 0x5A, out int offset));
        Assert.Equal(6, offset);
    }

    [Fact]
    public void Find_looks_inside_nested_templates()
    {
        byte[] data = Hex("6F 0E 84 02 A000 A5 08 BF0C 05 61 03 87 01 02");

        Assert.Equal(1, BerTlv.Find(data, 0, data.Length, 0x87, out int offset));
        Assert.Equal(0x02, data[offset]);
        Assert.Equal(-1, BerTlv.Find(data, 0, data.Length, 0x9F38, out _));
    }

    [Fact]
    public void Written_objects_read_back_with_the_same_tag_and_value()
    {
        byte[] value = new byte[200];
        value[199] = 0x42;
        byte[] buffer = new byte[256];

        int n = BerTlv.Write(buffer, 1, 255, 0x9F10, value, 0, 200);
        int next = BerTlv.ReadHeader(buffer, 1, 1 + n, out int tag, out int offset, out int length);

        Assert.Equal((0x9F10, 200, 0x42, 1 + n), (tag, length, buffer[offset + 199], next));
    }

    [Fact]
    public void A_DOL_fits_numeric_values_to_the_right_and_others_to_the_left()
    {
        var store = new EmvDataStore(64, 8);
        store.Put(0x9F02, Hex("000000001234"), 0, 6);
        store.Put(0x9F66, Hex("26800000"), 0, 4);
        byte[] dol = Hex("9F02 04 9F66 02 9F4E 03");
        byte[] output = new byte[16];

        int n = Dol.Build(dol, 0, dol.Length, store, output, 0, output.Length);

        Assert.Equal("00001234" + "2680" + "000000", Convert.ToHexString(output, 0, n));
    }
}
