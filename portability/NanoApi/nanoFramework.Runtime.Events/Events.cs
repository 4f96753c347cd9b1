namespace nanoFramework.Runtime.Events
{
    /// <summary>Base class of nanoFramework's native event payloads.</summary>
    public class BaseEvent
    {
    }
}
