namespace Torch;

/// <summary>Element types. The values are c10::ScalarType's, so they cross the ABI unchanged.</summary>
public enum DType
{
    UInt8 = 0,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
    BFloat16 = 15,
}

internal static class DTypeInfo
{
    internal static bool IsIntegral(DType t) => t is DType.UInt8 or DType.Int32 or DType.Int64 or DType.Bool;

    internal static int ElementSize(DType t) => t switch
    {
        DType.UInt8 or DType.Bool => 1,
        DType.Float16 or DType.BFloat16 => 2,
        DType.Int32 or DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unknown dtype"),
    };

    internal static DType Of<T>() where T : unmanaged => typeof(T) switch
    {
        var x when x == typeof(float) => DType.Float32,
        var x when x == typeof(double) => DType.Float64,
        var x when x == typeof(long) => DType.Int64,
        var x when x == typeof(int) => DType.Int32,
        var x when x == typeof(bool) => DType.Bool,
        var x when x == typeof(byte) => DType.UInt8,
        var x => throw new ArgumentException($"no tensor dtype for {x.Name}; use float, double, long, int, bool or byte"),
    };
}
