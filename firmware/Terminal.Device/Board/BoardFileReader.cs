using System;
using System.IO;
using System.Text;
using nanoFramework.Json;
using Terminal.Hal;

namespace Terminal.Device.Board
{
    /// <summary>
    /// Reads the board file from the device's internal storage (I:\board.json, put there with
    /// `nanoff --filedeployment deploy-board.json`) with nanoFramework.Json. One firmware image then serves
    /// every board; the file was validated on the PC (BoardConfigLoader) before it was deployed.
    /// </summary>
    public static class BoardFileReader
    {
        /// <summary>Where the board file lives on the device.</summary>
        public const string DefaultPath = "I:\\board.json";

        /// <summary>Reads and parses the board file; throws with a plain message when it is missing or unusable.</summary>
        public static BoardFile Read(string path)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException("no board file at " + path + " (deploy it with nanoff --filedeployment)");
            }

            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                bytes = new byte[(int)stream.Length];
                int read = 0;
                while (read < bytes.Length)
                {
                    int n = stream.Read(bytes, read, bytes.Length - read);
                    if (n <= 0)
                    {
                        throw new InvalidOperationException(path + " ended early");
                    }

                    read += n;
                }
            }

            string json = Encoding.UTF8.GetString(bytes, 0, bytes.Length);

            // Board files are camelCase; the classes are PascalCase. A name the classes do not know is an error,
            // as on the PC, rather than a pin silently left unwired. The reader's own options, not nanoFramework.Json's
            // shared defaults (its obsolete Settings class), which every other JSON reader in the image would inherit.
            var options = new JsonSerializerOptions
            {
                PropertyNameCaseInsensitive = true,
                ThrowExceptionWhenPropertyNotFound = true,
            };
            var board = (BoardFile)JsonConvert.DeserializeObject(json, typeof(BoardFile), options);
            if (board.Keypad.Layout.Length != board.Keypad.Rows.Length * board.Keypad.Columns.Length)
            {
                throw new InvalidOperationException("keypad.layout does not fill the key matrix");
            }

            return board;
        }

        /// <summary>The key codes of the keypad layout, row by row.</summary>
        public static int[] KeyCodes(KeypadSection keypad)
        {
            var codes = new int[keypad.Layout.Length];
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = KeyCode.Parse(keypad.Layout[i]);
            }

            return codes;
        }
    }
}
