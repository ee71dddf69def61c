/**
 * Environment for a Rasa child process of an end-to-end suite: telemetry off, TensorFlow quiet
 * and on two threads, one Sanic worker (the same settings scripts/rasa.sh exports).
 */
export const QUIET_RASA_ENV = {
  RASA_TELEMETRY_ENABLED: 'false',
  TF_CPP_MIN_LOG_LEVEL: '3',
  TF_ENABLE_ONEDNN_OPTS: '0',
  CUDA_VISIBLE_DEVICES: '-1',
  PYTHONWARNINGS: 'ignore',
  SQLALCHEMY_SILENCE_UBER_WARNING: '1',
  LOG_LEVEL_LIBRARIES: 'ERROR',
  TF_INTRA_OP_PARALLELISM_THREADS: '2',
  TF_INTER_OP_PARALLELISM_THREADS: '2',
  SANIC_WORKERS: '1'
} as const
