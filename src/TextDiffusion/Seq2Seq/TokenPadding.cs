using Torch;

namespace TextDiffusion.Seq2Seq;

/// <summary>Token-id sequences to a padded int64 tensor [B, L_max] and back.</summary>
public static class TokenPadding
{
    /// <summary>
    /// Rows as [prefix] tokens [suffix], right-padded with <paramref name="padId"/>; tokens beyond
    /// <paramref name="maxLength"/> (counting prefix and suffix) are cut before the suffix.
    /// </summary>
    public static Tensor Pad(IReadOnlyList<int[]> rows, int padId, int maxLength = int.MaxValue, int? prefix = null, int? suffix = null,
        Device? device = null)
    {
        int extra = (prefix is null ? 0 : 1) + (suffix is null ? 0 : 1);
        int keep(int[] r) => Math.Min(r.Length, maxLength - extra);
        int width = Math.Max(1, rows.Max(r => keep(r) + extra));
        var data = new long[rows.Count * width];
        Array.Fill(data, padId);
        for (int i = 0; i < rows.Count; i++)
        {
            int j = i * width;
            if (prefix is { } p) data[j++] = p;
            for (int k = 0; k < keep(rows[i]); k++) data[j++] = rows[i][k];
            if (suffix is { } s) data[j] = s;
        }
        return torch.Tensor(data, [rows.Count, width], device);
    }

    /// <summary>The ids of each row before its first <paramref name="stopId"/> (or pad), as arrays.</summary>
    public static int[][] Unpad(Tensor ids, int padId, int? stopId = null)
    {
        long b = ids.Size(0), l = ids.Size(1);
        using var cpu = ids.To(DType.Int64, Device.Cpu);
        var data = cpu.ToArray<long>();
        var rows = new int[b][];
        for (int i = 0; i < b; i++)
        {
            var row = new List<int>();
            for (long k = 0; k < l; k++)
            {
                long v = data[i * l + k];
                if (v == padId || v == stopId) break;
                row.Add((int)v);
            }
            rows[i] = [.. row];
        }
        return rows;
    }
}
