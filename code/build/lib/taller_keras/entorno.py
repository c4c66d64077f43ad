"""Reproducibilidad: semillas y operaciones deterministas."""

SEMILLA = 2018


def fijar_semillas(semilla: int = SEMILLA) -> int:
    """Fija las semillas de Python, NumPy y TensorFlow y pide operaciones deterministas."""
    if isinstance(semilla, bool) or not isinstance(semilla, int) or semilla < 0:
        raise ValueError(
            f"La semilla debe ser un entero no negativo; recibí {semilla!r}. "
            "Usa, por ejemplo, fijar_semillas(2018)."
        )
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(semilla)
    tf.config.experimental.enable_op_determinism()
    return semilla
