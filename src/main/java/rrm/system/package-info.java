/**
 * The system model: what a radio resource management problem is and what a method returns for it.
 *
 * <p>A {@link rrm.system.Problem} is a batch of problem instances (the leading axis of every tensor is the batch;
 * a single instance is a batch of one). It is a value: it validates itself once, at construction, and every solver,
 * model and utility takes the same object. The permitted problem types are
 *
 * <ul>
 *   <li>{@link rrm.system.SisoProblem}: the SISO interference channel (M transmitter-receiver pairs, real channel
 *       amplitudes or power gains, noise per receiver, a power budget per transmitter, optional rate weights);
 *   <li>{@link rrm.system.MimoProblem}: the MISO/MIMO interference channel (K transmitters with N_t antennas, each
 *       serving its own receiver with N_r antennas; MISO is N_r = 1);
 *   <li>{@link rrm.system.MulticellProblem}: multicell downlink MU-MIMO (base stations serving several users each);
 *   <li>{@link rrm.system.UrllcProblem}: the URLLC downlink (one multi-antenna base station, single-antenna users,
 *       finite blocklength).
 * </ul>
 *
 * <h2>The complex channel layout of every MIMO problem</h2>
 *
 * <p>All multi-antenna problems store their channels in one complex tensor of shape
 *
 * <pre>
 *   H [B, R, N_r, T, N_t]      H[b, i, :, j, :] = the N_r x N_t channel from transmitter j to receiver i
 * </pre>
 *
 * with B the batch, R receivers (users) with N_r antennas each and T transmitters (base stations) with N_t antennas
 * each. The received signal of receiver i is {@code y_i = sum_j H[i, :, j, :] x_j + n_i}. Single-antenna ends have an
 * axis of size 1 (MISO: N_r = 1; the URLLC downlink: T = 1, N_r = 1), never a missing axis, so code written for the
 * general layout runs on every special case.
 *
 * <p>An {@link rrm.system.Allocation} is what a method returns: {@link rrm.system.Powers} for power control,
 * {@link rrm.system.Beamformers} for beamforming. Every classical solver and every learned model is a
 * {@link rrm.system.Method}; utilities evaluate a (problem, allocation) pair.
 */
package rrm.system;
