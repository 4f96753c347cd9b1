using Terminal.Drivers.Crypto;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Security;
using Terminal.Core.Update;
using Terminal.Core.Util;
using Terminal.PortableTests.Doubles;
using Terminal.PortableTests.Framework;

namespace Terminal.PortableTests.Cases
{
    /// <summary>
    /// Published vectors (FACTS.md): CRC-32 check value, ISO 9564 format 0, ANSI X9.24-1 DUKPT, the public
    /// UnionPay MAC walk-through; DES comes from the portable software DES, so a device computes it the same way.
    /// </summary>
    public sealed class SecurityCases
    {
        private static readonly byte[] MacWalkThroughInput = Hex.Decode(
            "0200302004C020C0981100000000000000005100183402100006324392260009942820D1312101120084393136363838303134303030303030303030303030303031313536ACF46E73838A82F92600000000000000000822000001");

        // A firmware image ("Terminal firmware 1.2.0") signed by .NET's ECDsa with a throwaway P-256 key, and that key (X||Y).
        private static readonly byte[] SignedImage = Hex.Decode(
            "5446574901000000000027D800000017000000000000000000000000000000005465726D696E616C206669726D7761726520312E322E30"
            + "3581E10A2DB4D1437D9310C18C7102D0F846AFA6CEB80F672F99B4C796238A69FDE287F1389D07A406409BBBED91DD6616BA9D57E309AC77B399754F0EB87D63");

        private static readonly byte[] UpdateKey = Hex.Decode(
            "48AA09B9AD81F4ACF64A8322600E321BC40AF3DFDAB288A5A8C2A37F7221E602ACCCDE1EB0F3BD12C897999C65A73D32D4E2E659D4C171BE158C9C8C356CD477");

        private readonly SoftwareCrypto _crypto = new SoftwareCrypto();

        /// <summary>The cases of this class.</summary>
        public static TestSuite Suite()
        {
            var c = new SecurityCases();
            var suite = new TestSuite("Security");
            suite.Add("Crc32_of_123456789_is_the_check_value_CBF43926", c.Crc32_of_123456789_is_the_check_value_CBF43926);
            suite.Add("Crc32_computed_in_pieces_equals_in_one_go", c.Crc32_computed_in_pieces_equals_in_one_go);
            suite.Add("Format0_block_of_pin_1234_and_pan_4012345678909", c.Format0_block_of_pin_1234_and_pan_4012345678909);
            suite.Add("Format0_refuses_a_three_digit_pin", c.Format0_refuses_a_three_digit_pin);
            suite.Add("Dukpt_initial_key_from_the_public_bdk_and_ksn", c.Dukpt_initial_key_from_the_public_bdk_and_ksn);
            suite.Add("Dukpt_first_transaction_key_and_its_encrypted_pin_block", c.Dukpt_first_transaction_key_and_its_encrypted_pin_block);
            suite.Add("Dukpt_registers_give_the_published_first_five_pin_blocks", c.Dukpt_registers_give_the_published_first_five_pin_blocks);
            suite.Add("Pin_entry_shows_stars_and_takes_4_to_12_digits", c.Pin_entry_shows_stars_and_takes_4_to_12_digits);
            suite.Add("Tdes_decrypts_the_walk_through_mac_key_under_the_tmk", c.Tdes_decrypts_the_walk_through_mac_key_under_the_tmk);
            suite.Add("CupMac_xor_of_the_walk_through_blocks", c.CupMac_xor_of_the_walk_through_blocks);
            suite.Add("CupMac_of_the_walk_through_is_8A9E91B8", c.CupMac_of_the_walk_through_is_8A9E91B8);
            suite.Add("CupMac_verify_rejects_a_changed_message", c.CupMac_verify_rejects_a_changed_message);
            suite.Add("Sha256_of_the_signed_image_header_and_payload", c.Sha256_of_the_signed_image_header_and_payload);
            suite.Add("Ecdsa_p256_verifies_a_signed_firmware_image", c.Ecdsa_p256_verifies_a_signed_firmware_image);
            suite.Add("Ecdsa_p256_refuses_the_image_with_one_byte_changed", c.Ecdsa_p256_refuses_the_image_with_one_byte_changed);
            return suite;
        }

        /// <summary>Case.</summary>
        public void Crc32_of_123456789_is_the_check_value_CBF43926()
        {
            byte[] data = Hex.Ascii("123456789");

            Check.Equal(0xCBF43926L, Crc32.Compute(data, 0, data.Length), "CRC-32 check value");
        }

        /// <summary>Case.</summary>
        public void Crc32_computed_in_pieces_equals_in_one_go()
        {
            byte[] data = Hex.Ascii("The quick brown fox jumps over the lazy dog");
            uint crc = Crc32.Update(Crc32.Start, data, 0, 10);
            crc = Crc32.Update(crc, data, 10, data.Length - 10);

            Check.Equal(0x414FA339L, Crc32.Finish(crc), "CRC-32 of the pangram in two pieces");
        }

        /// <summary>Case.</summary>
        public void Format0_block_of_pin_1234_and_pan_4012345678909()
        {
            byte[] pan = Hex.Ascii("4012345678909");
            byte[] block = new byte[8];

            Check.True(PinBlock.Format0(Hex.Ascii("1234"), 0, 4, pan, 0, pan.Length, block, 0), "format 0 accepted");
            Check.Hex8("041274EDCBA9876F", block, 0, 8, "clear PIN block");
        }

        /// <summary>Case.</summary>
        public void Format0_refuses_a_three_digit_pin()
        {
            byte[] pan = Hex.Ascii("4012345678909");

            Check.False(PinBlock.Format0(Hex.Ascii("123"), 0, 3, pan, 0, pan.Length, new byte[8], 0), "three-digit PIN");
        }

        /// <summary>Case.</summary>
        public void Dukpt_initial_key_from_the_public_bdk_and_ksn()
        {
            byte[] ipek = new byte[16];

            new Dukpt(_crypto).InitialKey(Hex.Decode("0123456789ABCDEFFEDCBA9876543210"), 0, Hex.Decode("FFFF9876543210E00000"), 0, ipek, 0);

            Check.Hex8("6AC292FAA1315B4D858AB3A3D7D5933A", ipek, 0, 16, "initial PIN encryption key");
        }

        /// <summary>Case.</summary>
        public void Dukpt_first_transaction_key_and_its_encrypted_pin_block()
        {
            byte[] key = new byte[16];
            new Dukpt(_crypto).TransactionKey(Hex.Decode("6AC292FAA1315B4D858AB3A3D7D5933A"), 0, Hex.Decode("FFFF9876543210E00001"), 0, key, 0);
            Check.Hex8("042666B49184CFA368DE9628D0397BC9", key, 0, 16, "first transaction key");

            Dukpt.PinVariant(key, 0);
            byte[] clear = new byte[8];
            PinBlock.Format0(Hex.Ascii("1234"), 0, 4, Hex.Ascii("4012345678909"), 0, 13, clear, 0);
            byte[] encrypted = new byte[8];
            _crypto.DesBlock(true, key, 0, 16, clear, 0, encrypted, 0);

            Check.Hex8("1B9C1845EB993A7A", encrypted, 0, 8, "encrypted PIN block");
        }

        /// <summary>Case: ANSI X9.24-1:2009 A.4, KSNs ...E00001 to ...E00005, PIN 1234, PAN 4012345678909.</summary>
        public void Dukpt_registers_give_the_published_first_five_pin_blocks()
        {
            string[] expected = new string[] { "1B9C1845EB993A7A", "10A01C8D02C69107", "18DC07B94797B466", "0BC79509D5645DF7", "5BC0AF22AD87B327" };
            var registers = new DukptRegisters(_crypto);
            registers.LoadInitialKey(Hex.Decode("6AC292FAA1315B4D858AB3A3D7D5933A"), 0, Hex.Decode("FFFF9876543210E00000"), 0);
            byte[] clear = new byte[8];
            PinBlock.Format0(Hex.Ascii("1234"), 0, 4, Hex.Ascii("4012345678909"), 0, 13, clear, 0);
            byte[] encrypted = new byte[8];
            byte[] ksn = new byte[10];
            for (int i = 0; i < expected.Length; i++)
            {
                Check.True(registers.EncryptPinBlock(clear, 0, encrypted, 0, ksn, 0), "a key is left");
                Check.Equal((long)(i + 1), (long)ksn[9], "KSN counter");
                Check.Hex8(expected[i], encrypted, 0, 8, "encrypted PIN block");
            }
        }

        /// <summary>Case.</summary>
        public void Pin_entry_shows_stars_and_takes_4_to_12_digits()
        {
            var entry = new PinEntry();
            for (int i = 0; i < 3; i++)
            {
                entry.Key(Terminal.Hal.KeyCode.Digit0 + 1);
            }

            Check.True(entry.Masked == "***", "three stars");
            Check.True(entry.Key(Terminal.Hal.KeyCode.Enter) == PinEntryResult.Refused, "three digits refused");
            for (int i = 0; i < 9; i++)
            {
                entry.Key(Terminal.Hal.KeyCode.Digit0 + 2);
            }

            Check.True(entry.Key(Terminal.Hal.KeyCode.Digit0 + 3) == PinEntryResult.Refused, "a 13th digit refused");
            Check.True(entry.Key(Terminal.Hal.KeyCode.Enter) == PinEntryResult.Confirmed, "twelve digits confirmed");
            Check.True(entry.Key(Terminal.Hal.KeyCode.Cancel) == PinEntryResult.Cancelled, "cancel");
            Check.Equal(0L, (long)entry.Length, "wiped on cancel");
        }

        /// <summary>Case.</summary>
        public void Tdes_decrypts_the_walk_through_mac_key_under_the_tmk()
        {
            byte[] mak = new byte[8];

            _crypto.DesBlock(false, Hex.Decode("70F2A84CCBC2AE8625CBB0F2C22AB923"), 0, 16, Hex.Decode("96D605EA176B7E9E"), 0, mak, 0);

            Check.Hex8("C24A8FB57AA20123", mak, 0, 8, "clear MAC key");
        }

        /// <summary>Case.</summary>
        public void CupMac_xor_of_the_walk_through_blocks()
        {
            byte[] xor = new byte[8];

            new CupMac(_crypto).XorBlocks(MacWalkThroughInput, 0, MacWalkThroughInput.Length, xor, 0);

            Check.Hex8("4D08F434464FE7BF", xor, 0, 8, "XOR of the 8-byte blocks");
        }

        /// <summary>Case.</summary>
        public void CupMac_of_the_walk_through_is_8A9E91B8()
        {
            byte[] mac = new byte[8];

            new CupMac(_crypto).Compute(Hex.Decode("C24A8FB57AA20123"), 0, 8, MacWalkThroughInput, 0, MacWalkThroughInput.Length, mac, 0);

            Check.EqualText("8A9E91B8", Hex.AsciiText(mac, 0, 8), "MAC");
        }

        /// <summary>Case.</summary>
        public void CupMac_verify_rejects_a_changed_message()
        {
            var cupMac = new CupMac(_crypto);
            byte[] mak = Hex.Decode("C24A8FB57AA20123");
            byte[] data = (byte[])MacWalkThroughInput.Clone();
            byte[] mac = Hex.Ascii("8A9E91B8");

            Check.True(cupMac.Verify(mak, 0, 8, data, 0, data.Length, mac, 0), "the published message verifies");
            data[20] ^= 0x01;
            Check.False(cupMac.Verify(mak, 0, 8, data, 0, data.Length, mac, 0), "a changed message verifies");
        }

        /// <summary>Case.</summary>
        public void Sha256_of_the_signed_image_header_and_payload()
        {
            byte[] digest = new byte[32];
            _crypto.Sha256Start();
            _crypto.Sha256Update(SignedImage, 0, 20);
            _crypto.Sha256Update(SignedImage, 20, SignedImage.Length - 64 - 20);
            _crypto.Sha256Finish(digest, 0);

            Check.Hex8("2296425F5F6E89E104CEAED4A959B2A64CE3101DADCD1D4C1A09293DDB856BF6", digest, 0, 32, "SHA-256 of header and payload");
        }

        /// <summary>Case.</summary>
        public void Ecdsa_p256_verifies_a_signed_firmware_image()
        {
            int version;
            ImageCheck check = FirmwareImage.Verify(SignedImage, 0, SignedImage.Length, UpdateKey, _crypto, out version);

            Check.True(check == ImageCheck.Valid, "image verifies under its key");
            Check.Equal(10200L, version, "version 1.2.0");
        }

        /// <summary>Case.</summary>
        public void Ecdsa_p256_refuses_the_image_with_one_byte_changed()
        {
            byte[] image = new byte[SignedImage.Length];
            System.Array.Copy(SignedImage, image, image.Length);
            image[40] ^= 0x01;
            int version;

            Check.True(FirmwareImage.Verify(image, 0, image.Length, UpdateKey, _crypto, out version) == ImageCheck.BadSignature, "changed payload refused");
        }
    }
}
