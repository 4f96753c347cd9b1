using System;

namespace nanoFramework.Json
{
    /// <summary>JSON to objects (by reflection on public settable properties) and back.</summary>
    public static class JsonConvert
    {
        /// <summary>Parses <paramref name="value"/> into a new <paramref name="type"/> with the given options.</summary>
        public static object DeserializeObject(string value, Type type, JsonSerializerOptions options) => throw new NotImplementedException();
    }

    /// <summary>How property names are matched during deserialization.</summary>
    public sealed class JsonSerializerOptions
    {
        /// <summary>Case-sensitive, and unknown properties ignored.</summary>
        public JsonSerializerOptions() => throw new NotImplementedException();

        /// <summary>Whether a JSON name matches a property whatever the case.</summary>
        public bool PropertyNameCaseInsensitive
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Whether a JSON name with no property is an error.</summary>
        public bool ThrowExceptionWhenPropertyNotFound
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }
    }
}
