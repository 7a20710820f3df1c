namespace Torch.Optim;

/// <summary>A learning rate as a function of the step: lr(step) = base · Factor(step).</summary>
public abstract record LrSchedule
{
    public abstract double Factor(long step);

    /// <summary>Sets the optimiser's learning rate for <paramref name="step"/> and returns it.</summary>
    public double Apply(Optimizer optimizer, double baseLr, long step) => optimizer.LearningRate = baseLr * Factor(step);
}

/// <summary>Constant after an optional linear warm-up.</summary>
public sealed record ConstantSchedule(long WarmupSteps = 0) : LrSchedule
{
    public override double Factor(long step) => WarmupSteps > 0 && step < WarmupSteps ? (step + 1.0) / WarmupSteps : 1.0;
}

/// <summary>Linear warm-up, then linear decay to zero at <paramref name="TotalSteps"/> (Diffusion-LM's schedule).</summary>
public sealed record LinearDecaySchedule(long TotalSteps, long WarmupSteps = 0) : LrSchedule
{
    public override double Factor(long step)
    {
        if (WarmupSteps > 0 && step < WarmupSteps) return (step + 1.0) / WarmupSteps;
        return Math.Max(0.0, (double)(TotalSteps - step) / Math.Max(1, TotalSteps - WarmupSteps));
    }
}

/// <summary>Linear warm-up, then ∝ 1/√step (the Transformer's schedule; Difformer uses it): factor = min(s/w, √(w/s)).</summary>
public sealed record InverseSqrtSchedule(long WarmupSteps) : LrSchedule
{
    public override double Factor(long step)
    {
        double s = step + 1.0;
        return Math.Min(s / WarmupSteps, Math.Sqrt(WarmupSteps / s));
    }
}
