using Terminal.Hal;

namespace Terminal.Drivers.Contactless
{
    /// <summary>
    /// The MFRC522 itself: one Transceive through the FIFO, the CRC coprocessor, the timer, events and register access
    /// over SPI (the datasheet's sections 9 and 10; registers in Mfrc522Registers.cs). The ISO/IEC 14443 protocol above
    /// it is in Mfrc522.cs.
    /// </summary>
    public sealed partial class Mfrc522
    {
        /// <summary>Sends a frame with CRC_A appended and checks the CRC_A of the answer; returns the answer length without CRC.</summary>
        private int ExchangeWithCrc(byte[] tx, int txLength, byte[] rx, int timeoutUs)
        {
            if (txLength + 2 > FifoSize)
            {
                return ReaderStatus.BufferTooSmall;
            }

            int crc = CalculateCrc(tx, 0, txLength);
            if (crc < 0)
            {
                return crc;
            }

            tx[txLength] = (byte)crc;
            tx[txLength + 1] = (byte)(crc >> 8);
            int n = Exchange(tx, txLength + 2, 0, rx, timeoutUs);
            if (n < 0)
            {
                return n;
            }

            if (n < 3)
            {
                return Fail(n == 0 ? ReaderStatus.Timeout : ReaderStatus.TransmissionError);
            }

            crc = CalculateCrc(rx, 0, n - 2);
            if (crc < 0)
            {
                return crc;
            }

            if (rx[n - 2] != (byte)crc || rx[n - 1] != (byte)(crc >> 8))
            {
                return Fail(ReaderStatus.TransmissionError);
            }

            return n - 2;
        }

        /// <summary>One Transceive on the chip: FIFO in, StartSend, wait for RxIRq or TimerIRq, FIFO out.</summary>
        private int Exchange(byte[] tx, int txLength, int txLastBits, byte[] rx, int timeoutUs)
        {
            WriteRegister(Mfrc522Register.CommandReg, Mfrc522Command.Idle);
            WriteRegister(Mfrc522Register.ComIrqReg, 0x7F);
            WriteRegister(Mfrc522Register.FIFOLevelReg, Mfrc522Bits.FlushBuffer);
            WriteFifo(tx, 0, txLength);
            SetTimeout(timeoutUs);
            WriteRegister(Mfrc522Register.BitFramingReg, (byte)txLastBits);
            WriteRegister(Mfrc522Register.CommandReg, Mfrc522Command.Transceive);
            WriteRegister(Mfrc522Register.BitFramingReg, (byte)(Mfrc522Bits.StartSend | txLastBits));

            // The chip's own timer ends every wait; the poll bound only catches a chip that stopped answering.
            int maxPolls = (timeoutUs / 10) + 100;
            int irq = 0;
            int polls = 0;
            while (polls < maxPolls)
            {
                irq = ReadRegister(Mfrc522Register.ComIrqReg);
                if ((irq & (Mfrc522Bits.RxIRq | Mfrc522Bits.IdleIRq | Mfrc522Bits.TimerIRq)) != 0)
                {
                    break;
                }

                polls++;
            }

            WriteRegister(Mfrc522Register.BitFramingReg, 0x00);
            WriteRegister(Mfrc522Register.CommandReg, Mfrc522Command.Idle);
            if (polls == maxPolls)
            {
                return Fail(ReaderStatus.ReaderFault);
            }

            if ((irq & (Mfrc522Bits.RxIRq | Mfrc522Bits.IdleIRq)) == 0)
            {
                return Fail(ReaderStatus.Timeout);
            }

            int error = ReadRegister(Mfrc522Register.ErrorReg);
            if ((error & Mfrc522Bits.CollErr) != 0)
            {
                return Fail(ReaderStatus.Collision);
            }

            if ((error & (Mfrc522Bits.BufferOvfl | Mfrc522Bits.ParityErr | Mfrc522Bits.ProtocolErr | Mfrc522Bits.CRCErr)) != 0)
            {
                return Fail(ReaderStatus.TransmissionError);
            }

            int level = ReadRegister(Mfrc522Register.FIFOLevelReg);
            if (level > FifoSize)
            {
                return Fail(ReaderStatus.ReaderFault); // bit 7 is never read back set; more than 64 is a broken bus
            }

            if (level > rx.Length)
            {
                return Fail(ReaderStatus.BufferTooSmall);
            }

            if (level == 0 && (irq & Mfrc522Bits.RxIRq) == 0)
            {
                return Fail(ReaderStatus.Timeout);
            }

            ReadFifo(rx, 0, level);
            return level;
        }

        private int Fail(int status)
        {
            _lastError = status;
            return status;
        }

        private int CalculateCrc(byte[] data, int offset, int count)
        {
            WriteRegister(Mfrc522Register.CommandReg, Mfrc522Command.Idle);
            WriteRegister(Mfrc522Register.DivIrqReg, Mfrc522Bits.CRCIRq);
            WriteRegister(Mfrc522Register.FIFOLevelReg, Mfrc522Bits.FlushBuffer);
            WriteFifo(data, offset, count);
            WriteRegister(Mfrc522Register.CommandReg, Mfrc522Command.CalcCRC);

            // 64 bytes take ~90 us on the chip; 1000 polls is far beyond any healthy chip.
            int polls = 0;
            while ((ReadRegister(Mfrc522Register.DivIrqReg) & Mfrc522Bits.CRCIRq) == 0)
            {
                if (++polls >= 1000)
                {
                    return Fail(ReaderStatus.ReaderFault);
                }
            }

            WriteRegister(Mfrc522Register.CommandReg, Mfrc522Command.Idle);
            int low = ReadRegister(Mfrc522Register.CRCResultRegL);
            int high = ReadRegister(Mfrc522Register.CRCResultRegH);
            return low | (high << 8);
        }

        private void SetTimeout(int timeoutUs)
        {
            int ticks = (timeoutUs / 100) + 1;
            if (ticks > 0xFFFF)
            {
                ticks = 0xFFFF;
            }

            if (ticks == _timerTicks)
            {
                return;
            }

            WriteRegister(Mfrc522Register.TModeReg, (byte)(Mfrc522Bits.TAuto | (TimerPrescaler >> 8)));
            WriteRegister(Mfrc522Register.TPrescalerReg, (byte)(TimerPrescaler & 0xFF));
            WriteRegister(Mfrc522Register.TReloadRegH, (byte)(ticks >> 8));
            WriteRegister(Mfrc522Register.TReloadRegL, (byte)ticks);
            _timerTicks = ticks;
        }

        private void Post(EventKind kind)
        {
            if (_sink != null)
            {
                _sink.Post(kind, 0, 0, EventPriority.Normal);
            }
        }

        private void WriteRegister(byte register, byte value)
        {
            _spiTx[0] = Mfrc522Register.WriteAddress(register);
            _spiTx[1] = value;
            _spi.Write(_spiTx, 0, 2);
        }

        private byte ReadRegister(byte register)
        {
            _spiTx[0] = Mfrc522Register.ReadAddress(register);
            _spiTx[1] = 0x00;
            _spi.TransferFullDuplex(_spiTx, 0, _spiRx, 0, 2);
            return _spiRx[1];
        }

        private void SetBits(byte register, byte mask) => WriteRegister(register, (byte)(ReadRegister(register) | mask));

        private void ClearBits(byte register, byte mask) => WriteRegister(register, (byte)(ReadRegister(register) & ~mask));

        private void WriteFifo(byte[] data, int offset, int count)
        {
            _spiTx[0] = Mfrc522Register.WriteAddress(Mfrc522Register.FIFODataReg);
            for (int i = 0; i < count; i++)
            {
                _spiTx[1 + i] = data[offset + i];
            }

            _spi.Write(_spiTx, 0, count + 1);
        }

        private void ReadFifo(byte[] buffer, int offset, int count)
        {
            // Each address byte clocks out the previous register's value; a final 00 ends the burst.
            byte address = Mfrc522Register.ReadAddress(Mfrc522Register.FIFODataReg);
            for (int i = 0; i < count; i++)
            {
                _spiTx[i] = address;
            }

            _spiTx[count] = 0x00;
            _spi.TransferFullDuplex(_spiTx, 0, _spiRx, 0, count + 1);
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = _spiRx[1 + i];
            }
        }
    }
}
