namespace Terminal.Firmware
{
    /// <summary>
    /// Where a board keeps a device provisioning package until the firmware has taken it (<see cref="ProvisioningPackage"/>):
    /// a file on the device's internal drive (I:\provision.bin), a file beside the simulator's flash. The firmware reads
    /// it at boot and consumes it once applied or refused (its bytes wiped, then deleted: the invoice key in it must not
    /// stay on the drive, and a refused one is not retried at every boot; the reason is on the screen and the console).
    /// </summary>
    public interface IProvisioningDrop
    {
        /// <summary>Bytes of the package waiting; -1 when there is none.</summary>
        int Size();

        /// <summary>Reads the package's first <paramref name="count"/> bytes into <paramref name="buffer"/>; false when it cannot be read.</summary>
        bool Read(byte[] buffer, int count);

        /// <summary>The package was applied or refused (or is what is left of a wipe): overwrites its bytes with zeros, then deletes it.</summary>
        void Consume();
    }
}
